/**
 * Finding the Dockerfile line behind a layer, so the budget error can be annotated on the
 * instruction that made the image big. Pure.
 */

interface Instruction {
  line: number;
  text: string;
}

/** Instructions with their first line; continuation lines joined, comments dropped. */
export function instructions(dockerfile: string): Instruction[] {
  const result: Instruction[] = [];
  let current: Instruction | undefined;
  dockerfile.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!current && (line === '' || line.startsWith('#'))) return;
    if (current && line.startsWith('#')) return;
    const continues = line.endsWith('\\');
    const piece = continues ? line.slice(0, -1) : line;
    if (current) current.text += ` ${piece}`;
    else current = { line: index + 1, text: piece };
    if (!continues) {
      result.push(current);
      current = undefined;
    }
  });
  if (current) result.push(current);
  return result;
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The line of the instruction a layer came from, or undefined when it is not this file's. */
export function lineOfInstruction(dockerfile: string, instruction: string): number | undefined {
  const wanted = normalise(instruction);
  const keyword = wanted.split(' ')[0]!.toUpperCase();
  const candidates = instructions(dockerfile).filter(
    (i) => normalise(i.text).split(' ')[0]!.toUpperCase() === keyword,
  );
  const exact = candidates.find((i) => normalise(i.text) === wanted);
  if (exact) return exact.line;
  // COPY and ADD layers name a content hash, not the source path: match on the destination.
  const destination = wanted.split(' ').at(-1);
  const sameDestination = candidates.filter(
    (i) => normalise(i.text).split(' ').at(-1) === destination,
  );
  return sameDestination.length === 1 ? sameDestination[0]!.line : undefined;
}
