/**
 * Loading a subgraph's schema: the shared header (schema/common.graphql) plus the
 * subgraph's own schema.graphql, with every classified field's description extended by
 * a one-line summary of its @access classification, so the docs show who may see what.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  Kind,
  parse,
  visit,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
} from 'graphql';

export const COMMON_SDL_PATH = fileURLToPath(new URL('../common.graphql', import.meta.url));

export interface AccessClass {
  share: 'UNCONDITIONAL' | 'CONDITIONAL' | 'NONE';
  open: 'PUBLIC' | 'AUTHORIZED' | 'CLOSED';
  purposes: string[];
  personal: boolean;
  /** Free text that may name persons: names and ID numbers in it are masked as personal information is. */
  freeText?: boolean;
}

/** Reads an @access directive node into its classification. */
export function readAccessDirective(directive: ConstDirectiveNode): AccessClass {
  const access: AccessClass = { share: 'NONE', open: 'CLOSED', purposes: [], personal: false };
  for (const argument of directive.arguments ?? []) {
    const { value } = argument;
    switch (argument.name.value) {
      case 'share':
        if (value.kind === Kind.ENUM) access.share = value.value as AccessClass['share'];
        break;
      case 'open':
        if (value.kind === Kind.ENUM) access.open = value.value as AccessClass['open'];
        break;
      case 'purposes':
        if (value.kind === Kind.LIST) access.purposes = value.values.flatMap((v) => (v.kind === Kind.ENUM ? [v.value] : []));
        break;
      case 'personal':
        if (value.kind === Kind.BOOLEAN) access.personal = value.value;
        break;
      case 'freeText':
        if (value.kind === Kind.BOOLEAN) access.freeText = value.value;
        break;
    }
  }
  return access;
}

const findAccess = (directives: readonly ConstDirectiveNode[] | undefined) =>
  directives?.find((directive) => directive.name.value === 'access');

/** The effective classification of a field: its own @access, else its type's. */
export function effectiveAccess(
  type: ObjectTypeDefinitionNode | ObjectTypeExtensionNode,
  field: FieldDefinitionNode,
): AccessClass | undefined {
  const directive = findAccess(field.directives) ?? findAccess(type.directives);
  return directive ? readAccessDirective(directive) : undefined;
}

const SHARE_TEXT: Record<AccessClass['share'], string> = {
  UNCONDITIONAL: 'shared with all agencies',
  CONDITIONAL: 'shared with agencies for',
  NONE: 'not shared outside the owning sector',
};
const OPEN_TEXT: Record<AccessClass['open'], string> = {
  PUBLIC: 'public while disclosed',
  AUTHORIZED: 'to credit service agencies with the subject’s authorisation',
  CLOSED: 'closed to the public',
};

/** One line, e.g. "Access: shared with agencies for JOINT_PUNISHMENT; closed to the public; personal (masked)." */
export function describeAccess(access: AccessClass): string {
  const purposes = access.purposes.join(', ');
  const share = access.share === 'CONDITIONAL' ? `${SHARE_TEXT.CONDITIONAL} ${purposes || 'no purpose'}` : SHARE_TEXT[access.share];
  const open = access.open === 'AUTHORIZED' ? `${OPEN_TEXT.AUTHORIZED} for ${purposes || 'no purpose'}` : OPEN_TEXT[access.open];
  return `Access: ${share}; ${open}${access.personal ? '; personal, masked' : ''}${access.freeText ? '; free text, names and ID numbers in it masked' : ''}.`;
}

/** Appends the classification summary to each classified field's description. */
export function annotateAccess(document: DocumentNode): DocumentNode {
  const annotateType = (type: ObjectTypeDefinitionNode | ObjectTypeExtensionNode) => ({
    ...type,
    fields: type.fields?.map((field) => {
      const access = effectiveAccess(type, field);
      if (!access) return field;
      const summary = describeAccess(access);
      const text = field.description ? `${field.description.value}\n\n${summary}` : summary;
      return { ...field, description: { kind: Kind.STRING, value: text, block: true } } as FieldDefinitionNode;
    }),
  });
  return visit(document, {
    ObjectTypeDefinition: annotateType,
    ObjectTypeExtension: annotateType,
  });
}

/** The typeDefs of one subgraph: shared header + its schema file, annotated. */
export function loadSubgraphTypeDefs(schemaFile: string | URL): DocumentNode {
  const common = readFileSync(COMMON_SDL_PATH, 'utf8');
  const own = readFileSync(schemaFile, 'utf8');
  return annotateAccess(parse(`${common}\n${own}`));
}
