/** Holding each image to its budget. Pure: measurements in, verdicts out. */
import type { Layer } from '../docker/images.js';

export interface Measurement {
  service: string;
  image: string;
  id: string;
  size: number;
  layers: Layer[];
  digest?: string;
}

export type ImageStatus = 'ok' | 'over-budget' | 'build-failed';

export interface ImageVerdict {
  service: string;
  image: string;
  id?: string;
  digest?: string;
  size?: number;
  budget: number;
  status: ImageStatus;
  /** The largest layers, biggest first: where to look when the image is too big. */
  topLayers: Layer[];
  /** For build-failed: what the builder said. */
  error?: string;
}

export const TOP_LAYERS = 5;

export function evaluate(measurement: Measurement, budget: number): ImageVerdict {
  const { service, image, id, size, digest } = measurement;
  return {
    service,
    image,
    id,
    size,
    digest,
    budget,
    status: size > budget ? 'over-budget' : 'ok',
    topLayers: largestLayers(measurement.layers, TOP_LAYERS),
  };
}

export function buildFailed(
  service: string,
  image: string,
  budget: number,
  error: string,
): ImageVerdict {
  return { service, image, budget, status: 'build-failed', topLayers: [], error };
}

export function largestLayers(layers: Layer[], count: number): Layer[] {
  return layers
    .filter((l) => l.size > 0)
    .sort((a, b) => b.size - a.size)
    .slice(0, count);
}
