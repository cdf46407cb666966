/**
 * The checked-in supergraph is generated (design §10): it must equal a fresh composition of
 * the subgraph schemas, and every field in it must be classified with @access (design §5:
 * an unclassified field is a failing test, not a default).
 */
import { readFileSync } from 'node:fs';
import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SUPERGRAPH_PATH, effectiveAccess } from '@credit-hub/schema';
import { composeLocalSupergraph } from '../tools/compose.js';

const checkedIn = readFileSync(SUPERGRAPH_PATH, 'utf8');

describe('supergraph', () => {
  it('matches a fresh composition of the subgraph schemas (run `npm run compose` when this fails)', () => {
    expect(composeLocalSupergraph()).toBe(checkedIn);
  });

  it('composes @access into the supergraph', () => {
    expect(checkedIn).toMatch(/directive @access\(/);
  });

  it('classifies every field of every object type', () => {
    const document = parse(checkedIn);
    const types = document.definitions.filter(
      (definition): definition is ObjectTypeDefinitionNode =>
        definition.kind === Kind.OBJECT_TYPE_DEFINITION && !definition.name.value.startsWith('join__'),
    );
    const unclassified = types.flatMap((type) =>
      (type.fields ?? []).filter((field) => !effectiveAccess(type, field)).map((field) => `${type.name.value}.${field.name.value}`),
    );
    const fieldCount = types.reduce((sum, type) => sum + (type.fields?.length ?? 0), 0);
    expect(fieldCount).toBeGreaterThan(100);
    expect(unclassified).toEqual([]);
  });

  it('describes each classified field with its access summary', () => {
    const subject = parse(checkedIn).definitions.find(
      (definition): definition is ObjectTypeDefinitionNode =>
        definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === 'Subject',
    );
    const idNumber = subject?.fields?.find((field) => field.name.value === 'idNumber');
    expect(idNumber?.description?.value).toMatch(/Access: shared with agencies for JUDICIAL_ENFORCEMENT.*personal, masked/);
  });
});
