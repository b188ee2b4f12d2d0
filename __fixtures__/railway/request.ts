/** The emulator's reading of a request: its GraphQL operation, kind, root fields, variables. */
import type { IncomingMessage } from 'node:http';
import { parse, type OperationDefinitionNode } from 'graphql';

export interface ParsedRequest {
  query?: string;
  operation?: string;
  kind?: 'query' | 'mutation';
  fields: string[];
  variables: Record<string, unknown>;
}

export function parseRequest(body: string): ParsedRequest {
  try {
    const json = JSON.parse(body) as {
      query?: string;
      variables?: Record<string, unknown>;
      operationName?: string;
    };
    const op = parse(json.query ?? '').definitions.find(
      (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition',
    );
    return {
      query: json.query,
      variables: json.variables ?? {},
      operation: json.operationName ?? op?.name?.value,
      kind: op?.operation === 'mutation' ? 'mutation' : 'query',
      fields:
        op?.selectionSet.selections.map((s) => (s.kind === 'Field' ? s.name.value : '')) ?? [],
    };
  } catch {
    return { fields: [], variables: {} };
  }
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (chunk: Buffer) => (data += chunk.toString()));
    req.on('end', () => resolve(data));
  });
}
