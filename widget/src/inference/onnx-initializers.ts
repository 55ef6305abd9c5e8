/**
 * Reads the weight tensors (initializers) out of an ONNX file with a
 * protobuf reader of a few dozen lines, so the kernel can run the very
 * weights the ONNX graph holds without shipping ONNX Runtime or protobufjs.
 * Handles the tensors our exporter writes: int8 and float32 in `raw_data`.
 */

export interface OnnxTensor {
  name: string;
  dims: number[];
  /** ONNX TensorProto.DataType: 1 float32, 3 int8, 7 int64. */
  dataType: number;
  raw: Uint8Array;
}

export class OnnxFormatError extends Error {
  override name = 'OnnxFormatError';
}

class ProtoReader {
  pos = 0;
  constructor(
    readonly buf: Uint8Array,
    readonly end = buf.length,
  ) {}

  varint(): number {
    let result = 0;
    let shift = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new OnnxFormatError('truncated varint');
      const b = this.buf[this.pos++]!;
      result += (b & 0x7f) * shift;
      if (b < 0x80) return result;
      shift *= 128;
    }
    throw new OnnxFormatError('varint too long');
  }

  bytes(): Uint8Array {
    const len = this.varint();
    if (this.pos + len > this.end) throw new OnnxFormatError('field runs past the end of the file');
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }

  skip(wireType: number): void {
    if (wireType === 0) this.varint();
    else if (wireType === 1) this.pos += 8;
    else if (wireType === 2) this.bytes();
    else if (wireType === 5) this.pos += 4;
    else throw new OnnxFormatError(`unsupported wire type ${wireType}`);
    if (this.pos > this.end) throw new OnnxFormatError('field runs past the end of the file');
  }

  *fields(): Generator<[field: number, wireType: number]> {
    while (this.pos < this.end) {
      const key = this.varint();
      yield [Math.floor(key / 8), key & 7];
    }
  }
}

function readTensor(bytes: Uint8Array): OnnxTensor {
  const r = new ProtoReader(bytes);
  const tensor: OnnxTensor = { name: '', dims: [], dataType: 0, raw: new Uint8Array(0) };
  for (const [field, wire] of r.fields()) {
    if (field === 1 && wire === 0) tensor.dims.push(r.varint());
    else if (field === 1 && wire === 2) {
      const packed = new ProtoReader(r.bytes());
      while (packed.pos < packed.end) tensor.dims.push(packed.varint());
    } else if (field === 2 && wire === 0) tensor.dataType = r.varint();
    else if (field === 8 && wire === 2) tensor.name = new TextDecoder().decode(r.bytes());
    else if (field === 9 && wire === 2) tensor.raw = r.bytes();
    else r.skip(wire);
  }
  return tensor;
}

/** Every initializer of the model's main graph, by name. Throws {@link OnnxFormatError} on a file that is not a readable ONNX model. */
export function readOnnxInitializers(model: Uint8Array): Map<string, OnnxTensor> {
  const r = new ProtoReader(model);
  let graph: Uint8Array | undefined;
  for (const [field, wire] of r.fields()) {
    if (field === 7 && wire === 2) graph = r.bytes();
    else r.skip(wire);
  }
  if (!graph) throw new OnnxFormatError('no graph in the ONNX file');
  const g = new ProtoReader(graph);
  const out = new Map<string, OnnxTensor>();
  for (const [field, wire] of g.fields()) {
    if (field === 5 && wire === 2) {
      const t = readTensor(g.bytes());
      out.set(t.name, t);
    } else g.skip(wire);
  }
  return out;
}

/** The values of an int8 or float32 initializer as float32 (int8 rows scaled per row by `rowScale`). */
export function tensorValues(tensor: OnnxTensor, rowScale?: Float32Array): Float32Array {
  const count = tensor.dims.reduce((a, b) => a * b, 1);
  if (tensor.raw.length !== count * (tensor.dataType === 3 ? 1 : 4)) {
    throw new OnnxFormatError(`tensor ${tensor.name}: ${tensor.raw.length} bytes do not match its shape ${tensor.dims.join('x')}`);
  }
  if (tensor.dataType === 1) {
    const copy = new Uint8Array(tensor.raw);
    return new Float32Array(copy.buffer, 0, count);
  }
  if (tensor.dataType === 3) {
    const q = new Int8Array(tensor.raw.buffer, tensor.raw.byteOffset, count);
    const out = new Float32Array(count);
    const cols = count / (tensor.dims[0] || 1);
    for (let i = 0; i < count; i++) out[i] = q[i]! * (rowScale ? rowScale[Math.floor(i / cols)]! : 1);
    return out;
  }
  throw new OnnxFormatError(`tensor ${tensor.name}: unsupported data type ${tensor.dataType}`);
}
