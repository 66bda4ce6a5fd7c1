// Small labelled form controls. Every control has a visible label (<label for> or wrapping), hints
// tied with aria-describedby, and errors are announced with aria-invalid + a describedby message.
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

const valueOf = (event: Event) => (event.currentTarget as HTMLInputElement).value;

export function Checkbox({ label, checked, onChange, disabled }: { label: ComponentChildren; checked: boolean; onChange: (checked: boolean) => void; disabled?: boolean }) {
  return (
    <label class="check">
      <input type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)} />
      <span>{label}</span>
    </label>
  );
}

export function NumberField(props: { label: string; value: number; min: number; max: number; onChange: (value: number) => void; unit?: string; hint?: string }) {
  const id = useId();
  return (
    <div class="field field-number">
      <label for={id}>{props.label}</label>
      <span class="with-unit">
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={props.min}
          max={props.max}
          step={1}
          value={Number.isFinite(props.value) ? props.value : ''}
          aria-describedby={props.hint ? `${id}-hint` : undefined}
          onInput={(e) => props.onChange((e.currentTarget as HTMLInputElement).valueAsNumber)}
        />
        {props.unit && <span class="unit">{props.unit}</span>}
      </span>
      {props.hint && (
        <small id={`${id}-hint`} class="hint">
          {props.hint}
        </small>
      )}
    </div>
  );
}

export function TextField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  error?: string;
  multiline?: boolean;
  required?: boolean;
  maxLength?: number;
  placeholder?: string;
  inputMode?: 'numeric' | 'text';
  type?: 'text' | 'password' | 'time';
  autoComplete?: string;
  pattern?: string;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const described = [props.hint ? hintId : '', props.error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value: props.value,
    required: props.required,
    maxLength: props.maxLength,
    placeholder: props.placeholder,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': described,
    onInput: (e: Event) => props.onChange(valueOf(e)),
  };
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.multiline ? (
        <textarea rows={3} {...common} />
      ) : (
        // preact types each input `type` separately; these three share every attribute used here.
        <input type={(props.type ?? 'text') as 'text'} inputMode={props.inputMode} autoComplete={props.autoComplete} pattern={props.pattern} {...common} />
      )}
      {props.hint && (
        <small id={hintId} class="hint">
          {props.hint}
        </small>
      )}
      {props.error && (
        <small id={errorId} class="error">
          {props.error}
        </small>
      )}
    </div>
  );
}

export function Select<T extends string>(props: { label: string; value: T; options: { value: T; label: string }[]; onChange: (value: T) => void }) {
  return (
    <label class="field">
      <span>{props.label}</span>
      <select value={props.value} onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value as T)}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A group of checkboxes or radios with a legend that names them. */
export function Fieldset({ legend, children, hint }: { legend: string; children: ComponentChildren; hint?: string }) {
  const hintId = useId();
  return (
    <fieldset class="group" aria-describedby={hint ? hintId : undefined}>
      <legend>{legend}</legend>
      <div class="choices">{children}</div>
      {hint && (
        <small id={hintId} class="hint">
          {hint}
        </small>
      )}
    </fieldset>
  );
}

export function Radio<T extends string>({ name, value, current, label, onChange }: { name: string; value: T; current: T; label: string; onChange: (value: T) => void }) {
  return (
    <label class="check">
      <input type="radio" name={name} value={value} checked={current === value} onChange={() => onChange(value)} />
      <span>{label}</span>
    </label>
  );
}

/** Errors a request or a validator reported, as a list a screen reader announces. */
export function ErrorList({ title, errors }: { title: string; errors: string[] }) {
  if (errors.length === 0) return null;
  return (
    <div role="alert" class="error-box">
      <p>{title}</p>
      <ul>
        {errors.map((e, i) => (
          <li key={i}>{e}</li>
        ))}
      </ul>
    </div>
  );
}
