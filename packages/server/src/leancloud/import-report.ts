/** Kept in every report so teams know what no LeanCloud export carries (export doc §4.6). */
export const NOT_AVAILABLE_FROM_LEANCLOUD = [
  'transient messages (never stored)',
  'temporary conversations',
  'history older than the app’s retention (6 months by default)',
  'per-member read positions and unread counts',
  'per-recipient delivery (only the first ack-at)',
  'offline queues',
  'chat-room presence',
  'member join times',
  'previous versions of edited messages',
  'push payloads',
  'hook, signature and console settings',
  'client-side caches',
] as const;

const MAX_SAMPLES = 20;

export interface SkippedSample {
  file: string;
  line: number;
  reason: string;
}

/**
 * What an import did, counted per kind, with the reason for everything not imported. The
 * CLI prints `format()` and can write `toJSON()` with `--report`.
 */
export class ImportReport {
  readonly dryRun: boolean;
  readonly files: Array<{ file: string; kind: string; records: number }> = [];
  readonly ignoredFiles: string[] = [];
  readonly conversations = { imported: 0, skipped: {} as Record<string, number> };
  readonly messages = { imported: 0, alreadyPresent: 0, skipped: {} as Record<string, number> };
  /** Imported as-is but worth knowing about. */
  readonly notes: Record<string, number> = {};
  readonly conversationsOver500Members: string[] = [];
  readonly samples: SkippedSample[] = [];
  /** Problems with the inputs as a whole (an unfinished fetch). */
  readonly warnings: string[] = [];

  constructor(options: { dryRun: boolean }) {
    this.dryRun = options.dryRun;
  }

  skipConversation(reason: string, where?: Omit<SkippedSample, 'reason'>): void {
    this.conversations.skipped[reason] = (this.conversations.skipped[reason] ?? 0) + 1;
    if (where) this.#sample({ ...where, reason });
  }

  skipMessage(reason: string, where?: Omit<SkippedSample, 'reason'>, count = 1): void {
    this.messages.skipped[reason] = (this.messages.skipped[reason] ?? 0) + count;
    if (where) this.#sample({ ...where, reason });
  }

  note(what: string, count = 1): void {
    this.notes[what] = (this.notes[what] ?? 0) + count;
  }

  #sample(sample: SkippedSample): void {
    if (this.samples.length < MAX_SAMPLES) this.samples.push(sample);
  }

  toJSON() {
    return {
      dryRun: this.dryRun,
      warnings: this.warnings,
      files: this.files,
      ignoredFiles: this.ignoredFiles,
      conversations: this.conversations,
      messages: this.messages,
      notes: this.notes,
      conversationsOver500Members: this.conversationsOver500Members,
      samples: this.samples,
      notAvailableFromLeanCloud: NOT_AVAILABLE_FROM_LEANCLOUD,
    };
  }

  format(): string {
    const verb = this.dryRun ? 'would import' : 'imported';
    const lines = [
      `${this.dryRun ? 'Dry run: nothing was written. ' : ''}Read ${this.files.length} files.`,
      ...this.warnings.map((warning) => `WARNING: ${warning}`),
      `Conversations: ${verb} ${this.conversations.imported}.`,
      ...reasons(this.conversations.skipped, '  skipped'),
      `Messages: ${verb} ${this.messages.imported}${this.dryRun ? '' : `, already present ${this.messages.alreadyPresent}`}.`,
      ...reasons(this.messages.skipped, '  skipped'),
    ];
    if (Object.keys(this.notes).length > 0) {
      lines.push('Notes:', ...Object.entries(this.notes).map(([what, n]) => `  ${n} × ${what}`));
    }
    if (this.conversationsOver500Members.length > 0) {
      lines.push(
        `Conversations over 500 members (LeanCloud honoured only the first 500; all are kept): ${this.conversationsOver500Members.slice(0, 10).join(', ')}${this.conversationsOver500Members.length > 10 ? ', …' : ''}`,
      );
    }
    if (this.ignoredFiles.length > 0) lines.push(`Ignored ${this.ignoredFiles.length} files that are not JSON or JSON Lines.`);
    if (this.samples.length > 0) {
      lines.push('First skipped records:', ...this.samples.map((s) => `  ${s.file}:${s.line}: ${s.reason}`));
    }
    lines.push(`Not available from LeanCloud at all: ${NOT_AVAILABLE_FROM_LEANCLOUD.join('; ')}.`);
    return `${lines.join('\n')}\n`;
  }
}

function reasons(counts: Record<string, number>, prefix: string): string[] {
  return Object.entries(counts).map(([reason, n]) => `${prefix} ${n}: ${reason}`);
}
