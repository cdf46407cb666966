/**
 * The platform's own field classifications, read once from the schema the policy middleware
 * enforces, so procedures that must act on "what this caller is shown" (a report's code, a
 * name search) ask the policy engine the same question on the same classification instead
 * of restating the rule (design §5).
 */
import { Kind, type ObjectTypeDefinitionNode } from 'graphql';
import { effectiveAccess, loadSubgraphTypeDefs, type AccessClass } from '@credit-hub/schema';

const document = loadSubgraphTypeDefs(new URL('../schema.graphql', import.meta.url));

/** The effective @access of `type.field`; throws at start when the schema no longer classifies it. */
export function fieldAccess(typeName: string, fieldName: string): AccessClass {
  const type = document.definitions.find(
    (definition): definition is ObjectTypeDefinitionNode => definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === typeName,
  );
  const field = type?.fields?.find((candidate) => candidate.name.value === fieldName);
  const access = type && field ? effectiveAccess(type, field) : undefined;
  if (!access) throw new Error(`${typeName}.${fieldName} has no @access classification`);
  return access;
}
