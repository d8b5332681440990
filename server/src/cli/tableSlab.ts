/**
 * Where the index pass keeps the phrase tables of space-joined keyword lines until the re-split
 * reads them (corpusIndex.ts): runs of 32-bit ints appended in file order to chunks of a
 * megabyte. A chunk that fills is written to a temporary file and read back when the re-split,
 * also in file order, reaches it, so the tables take no memory in between: at 100,000 files
 * they were about 80 MB of the main thread's peak. The file is unlinked as soon as it is open
 * (where the system allows it), so nothing is left behind even if the process is killed. When
 * no temporary file can be made or written, the chunks simply stay in memory.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Ints per chunk (1 MB). */
export const TABLE_CHUNK = 1 << 18;

/** A chunk's place: in memory, in the file at a byte offset, or released. */
const RELEASED = -2;
const IN_MEMORY = -1;

interface SpillFile {
  readonly fd: number;
  /** Set while the file still has a name (a system that cannot unlink an open file). */
  path: string | undefined;
  bytes: number;
}

export class TableSlab {
  /** The chunks held in memory: the one being filled, and any that could not be written. */
  private readonly chunks: (Int32Array | undefined)[] = [];
  /** Per chunk: its byte offset in the file, {@link IN_MEMORY} or {@link RELEASED}. */
  private readonly where: number[] = [];
  /** Per chunk: the ints used. */
  private readonly used: number[] = [];
  private file: SpillFile | undefined;
  private spilling: boolean;
  /** The spilled chunk last read back, and the buffer it was read into. */
  private loaded = -1;
  private readBuffer = new Int32Array(0);

  /**
   * @param chunkInts ints per chunk
   * @param spillDir where to make the temporary file; false keeps every chunk in memory
   */
  constructor(
    private readonly chunkInts = TABLE_CHUNK,
    private readonly spillDir: string | false = os.tmpdir(),
  ) {
    this.spilling = spillDir !== false;
  }

  /**
   * Room for `size` ints: the chunk and the offset. Write them through {@link view} before the
   * next `alloc`, which may move the chunk to the file.
   */
  alloc(size: number): { chunk: number; at: number } {
    const last = this.chunks.length - 1;
    if (last < 0 || this.used[last]! + size > this.chunks[last]!.length) {
      const freed = last >= 0 ? this.seal(last) : undefined;
      const data = freed && size <= freed.length ? freed : new Int32Array(Math.max(this.chunkInts, size));
      this.chunks.push(data);
      this.where.push(IN_MEMORY);
      this.used.push(0);
    }
    const chunk = this.chunks.length - 1;
    const at = this.used[chunk]!;
    this.used[chunk] = at + size;
    return { chunk, at };
  }

  /**
   * The ints of a run (a view). A view of a chunk that was written to the file is valid until a
   * view of another such chunk is asked for; asking for a released chunk throws.
   */
  view(chunk: number, at: number, size: number): Int32Array {
    const mem = this.chunks[chunk];
    if (mem) return mem.subarray(at, at + size);
    const offset = this.where[chunk];
    if (offset === undefined || offset < 0) throw new Error(`table chunk ${chunk} was released`);
    if (this.loaded !== chunk) {
      const ints = this.used[chunk]!;
      if (this.readBuffer.length < ints) this.readBuffer = new Int32Array(Math.max(ints, this.chunkInts));
      readFully(this.file!.fd, new Uint8Array(this.readBuffer.buffer, 0, ints * 4), offset);
      this.loaded = chunk;
    }
    return this.readBuffer.subarray(at, at + size);
  }

  /** How many chunks are held in memory (for tests). */
  get held(): number {
    return this.chunks.filter(Boolean).length;
  }

  /** How many chunks were written to the file (for tests). */
  get spilled(): number {
    return this.where.filter((w) => w >= 0).length;
  }

  /** Drops the chunks before `chunk`: no table still to be read is in them. */
  releaseBefore(chunk: number): void {
    for (let c = chunk - 1; c >= 0 && this.where[c] !== RELEASED; c--) {
      this.chunks[c] = undefined;
      this.where[c] = RELEASED;
    }
  }

  /** Releases every chunk and closes the file (the slab can still take new runs, in memory or a new file). */
  close(): void {
    this.releaseBefore(this.chunks.length);
    this.loaded = -1;
    this.readBuffer = new Int32Array(0);
    const file = this.file;
    this.file = undefined;
    if (!file) return;
    try {
      fs.closeSync(file.fd);
    } catch {
      // Already closed.
    }
    removeSpillPath(file);
  }

  /** Writes a full chunk to the file; returns its buffer for reuse, or undefined when it stays in memory. */
  private seal(chunk: number): Int32Array | undefined {
    const data = this.chunks[chunk]!;
    const file = this.spilling ? this.openFile() : undefined;
    if (!file) return undefined;
    const ints = this.used[chunk]!;
    try {
      writeFully(file.fd, new Uint8Array(data.buffer, data.byteOffset, ints * 4), file.bytes);
    } catch {
      // Disk full, or the file was taken away: keep this chunk and the next ones in memory.
      this.spilling = false;
      return undefined;
    }
    this.where[chunk] = file.bytes;
    file.bytes += ints * 4;
    this.chunks[chunk] = undefined;
    return data;
  }

  private openFile(): SpillFile | undefined {
    if (this.file) return this.file;
    let dir: string | undefined;
    try {
      dir = fs.mkdtempSync(path.join(this.spillDir as string, 'arabic-news-lint-'));
      const name = path.join(dir, 'phrase-tables');
      const fd = fs.openSync(name, 'wx+', 0o600);
      const file: SpillFile = { fd, path: `${dir}${path.sep}`, bytes: 0 };
      // Unlinked now, the file lives until it is closed and leaves nothing behind if the
      // process dies; where an open file cannot be unlinked, it is removed in close() or at exit.
      try {
        fs.unlinkSync(name);
        fs.rmdirSync(dir);
        file.path = undefined;
      } catch {
        process.once('exit', () => removeSpillPath(file));
      }
      this.file = file;
      return file;
    } catch {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
      this.spilling = false;
      return undefined;
    }
  }
}

/** Removes a spill file's folder, when it still has one. */
function removeSpillPath(file: SpillFile): void {
  if (file.path === undefined) return;
  try {
    fs.rmSync(file.path, { recursive: true, force: true });
  } catch {
    // Left for the system's temporary-file cleaning.
  }
  file.path = undefined;
}

function writeFully(fd: number, bytes: Uint8Array, position: number): void {
  for (let done = 0; done < bytes.length; ) done += fs.writeSync(fd, bytes, done, bytes.length - done, position + done);
}

function readFully(fd: number, into: Uint8Array, position: number): void {
  for (let done = 0; done < into.length; ) {
    const n = fs.readSync(fd, into, done, into.length - done, position + done);
    if (n === 0) throw new Error('the phrase-table file ended early');
    done += n;
  }
}
