import { open, type FileHandle } from 'node:fs/promises';
import type { HarEntry } from './har.js';

/** What closes the file after the last entry: `entries`, `log`, the document. */
const TRAILER = ']}}\n';

export interface HarWriterOptions {
  readonly creator: { readonly name: string; readonly version: string };
  /** The log's `comment`: what recorded it, in front of what. */
  readonly comment?: string;
  /** Told once, when a write fails: recording stops, the caller goes on. */
  readonly onError?: (error: Error) => void;
}

/**
 * Writes a HAR 1.2 file entry by entry, a valid document after each one: every entry is written where the
 * trailer `]}}` stood, followed by the trailer again (a positional write), so a process killed between two
 * entries leaves a file any HAR reader opens. Writes go one after another, never blocking the caller.
 */
export class HarWriter {
  private position = 0;
  private entries = 0;
  private failed = false;
  private queue: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: FileHandle,
    private readonly onError: ((error: Error) => void) | undefined,
  ) {}

  /** Creates (or truncates) `path` and writes an empty log to it. Throws when the file cannot be written. */
  static async create(path: string, options: HarWriterOptions): Promise<HarWriter> {
    const file = await open(path, 'w');
    const writer = new HarWriter(file, options.onError);
    const head = `{"log":{"version":"1.2","creator":${JSON.stringify(options.creator)},${options.comment ? `"comment":${JSON.stringify(options.comment)},` : ''}"entries":[`;
    try {
      await writer.writeAt(head + TRAILER, 0);
    } catch (error) {
      await file.close();
      throw error;
    }
    writer.position = Buffer.byteLength(head);
    return writer;
  }

  /** How many entries were handed over (written, or waiting their turn). */
  get count(): number {
    return this.entries;
  }

  /** Appends an entry; resolves once it is on file (never rejects: a failure is told to `onError`, once). */
  append(entry: HarEntry): Promise<void> {
    if (this.failed) return this.queue;
    const text = (this.entries++ === 0 ? '' : ',') + JSON.stringify(entry);
    this.queue = this.queue.then(async () => {
      if (this.failed) return;
      try {
        await this.writeAt(text + TRAILER, this.position);
        this.position += Buffer.byteLength(text);
      } catch (error) {
        this.failed = true;
        this.onError?.(error as Error);
      }
    });
    return this.queue;
  }

  /** Waits for the entries handed over, and closes the file (the trailer is already in place). */
  async close(): Promise<void> {
    await this.queue;
    await this.file.close();
  }

  private async writeAt(text: string, position: number): Promise<void> {
    const bytes = Buffer.from(text);
    let written = 0;
    while (written < bytes.length) written += (await this.file.write(bytes, written, bytes.length - written, position + written)).bytesWritten;
  }
}
