import { CopyButton } from '../../ui/copy-button';
import type { ToolGuide } from './tool-guides';

export interface ToolGuideCardProps {
  guide: ToolGuide;
  /** What the snippets show in place of the key (masked). */
  shownKey: string;
  /** The key put into a copied snippet, fetched at the moment of the click. */
  revealKey(): Promise<string>;
}

/** One tool's manual setup: the steps, a caution when the tool has a limit, and snippets to copy (key filled in on copy). */
export function ToolGuideCard({ guide, shownKey, revealKey }: ToolGuideCardProps) {
  return (
    // Named apart from the one-click card of the same tool: two regions called "Claude Code" are ambiguous (axe landmark-unique).
    <section className="card tool-guide" aria-label={`Set up ${guide.title} by hand`}>
      <h3>{guide.title}</h3>
      <ul className="tool-guide-steps">
        {guide.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ul>
      {guide.caution !== null && (
        <p className="tool-guide-caution" role="note">
          {guide.caution}
        </p>
      )}
      {guide.snippets.map((snippet) => (
        <figure key={snippet.label} className="snippet">
          <figcaption className="snippet-caption">
            <span>{snippet.label}</span>
            <span className="copy-row">
              <CopyButton label={`Copy ${snippet.label}`} value={async () => snippet.text(await revealKey())} />
            </span>
          </figcaption>
          {/* Focusable: a snippet wider than the card scrolls, and the keyboard must reach it. */}
          <pre aria-label={snippet.label} tabIndex={0}>
            <code>{snippet.text(shownKey)}</code>
          </pre>
        </figure>
      ))}
    </section>
  );
}
