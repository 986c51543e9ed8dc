import {
  ERRORS,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  isSubtype,
  isValidLeafValue,
  typenameFieldName,
  Variable,
  type CompositeType,
  type Directive,
  type NamedType,
  type Operation,
  type OutputType,
  type Schema,
  type FieldSelection,
  type SelectionSet,
} from '@apollo/federation-internals';
import type { GraphQLError } from 'graphql';

/**
 * The gateway's last step — turning the merged subgraph data into the answer the operation asked
 * for (`computeResponse` in @apollo/gateway's resultShaping.js) — compiled once per operation.
 *
 * The gateway walks the operation's federation-internals objects on every request, looking up
 * directives, field types and subtyping in the schema at each field (~30 % of the router's CPU on
 * the standard benchmark, docs/adr/0004-fast-router.md). Here those answers are computed when the
 * operation is first seen, and a request only walks plain objects. The walk itself is the
 * gateway's, step for step — same output, key order, null propagation and error messages — and
 * `response-shaper.test.ts` holds it to the gateway on the same inputs.
 */

/** `@skip(if:)` / `@include(if:)`, each a literal or a variable. */
interface Inclusion {
  skip: boolean | string | null;
  include: boolean | string | null;
}

interface TypeFacts {
  name: string;
  isObject: boolean;
  isComposite: boolean;
}

/** A field's type, unwrapped; `display` is the type as the gateway prints it in errors (`[Review!]`). */
type ValueShape = { display: string } & (
  | { kind: 'nonNull'; of: ValueShape }
  | { kind: 'list'; of: ValueShape }
  | { kind: 'composite'; type: TypeFacts; selections: CompiledSelection[] }
  | { kind: 'leaf'; isValid: (value: unknown) => boolean }
);

interface CompiledField {
  kind: 'field';
  responseName: string;
  inclusion: Inclusion | null;
  /** `__schema` / `__type`: answered by running the selection against the API schema. */
  introspection: FieldSelection | null;
  isTypename: boolean;
  hasSelections: boolean;
  shape: ValueShape;
}

interface CompiledFragment {
  kind: 'fragment';
  inclusion: Inclusion | null;
  /** Whether the type condition holds for an object whose `__typename` is this (memoised). */
  appliesTo: (typename: string) => boolean;
  /** Whether it holds for an object without `__typename`, whose type is the static parent's. */
  appliesWithoutTypename: boolean;
  /** The parent type inside the fragment, for nested `__typename` and error messages. */
  typeCondition: TypeFacts | null;
  selections: CompiledSelection[];
}

type CompiledSelection = CompiledField | CompiledFragment;

export interface ShapedResponse {
  data: Record<string, unknown> | null;
  errors: GraphQLError[];
}

export type IntrospectionHandler = (selection: FieldSelection) => unknown;

const OK = 0;
const NULL_BUBBLE_UP = 1;
// What updateOutputValue reports beside the value (the gateway returns { updated, isInvalid, hasErrors }).
const INVALID = 1;
const HAS_ERRORS = 2;

/** One request's walk: the variables for @skip/@include, the errors found, the last value's flags. */
interface Walk {
  variables: Record<string, unknown>;
  errors: GraphQLError[];
  introspect: IntrospectionHandler;
  flags: number;
}

export class ResponseShaper {
  private readonly root: CompiledSelection[];
  private readonly rootType: TypeFacts;
  private readonly defaultedVariables: Record<string, unknown>;
  private readonly usesVariables: boolean;
  /** Facts about the types a subgraph may name in `__typename`, memoised as they appear. */
  private readonly types = new Map<string, TypeFacts | null>();
  /** No response key is a name plain objects inherit, so answers can be plain (fast) objects. */
  readonly plainKeys: boolean;

  private readonly schema: Schema;

  constructor(operation: Operation) {
    const schema = operation.schema();
    this.schema = schema;
    const rootType = schema.schemaDefinition.rootType(operation.rootKind);
    if (!rootType) throw new Error(`The schema has no ${operation.rootKind} root type`);
    this.rootType = this.facts(rootType);
    let usesVariables = false;
    let plainKeys = true;
    // Named fragments share one selection set object: compile each once per parent type.
    const compiled = new Map<SelectionSet, Map<string, CompiledSelection[]>>();
    const compileSet = (selectionSet: SelectionSet, parent: CompositeType): CompiledSelection[] => {
      let byParent = compiled.get(selectionSet);
      if (!byParent) compiled.set(selectionSet, (byParent = new Map()));
      const known = byParent.get(parent.name);
      if (known) return known;
      const out: CompiledSelection[] = [];
      byParent.set(parent.name, out);
      for (const selection of selectionSet.selections()) {
        const inclusion = this.inclusion(selection.element.appliedDirectives as unknown as readonly Directive[]);
        if (inclusion && (typeof inclusion.skip === 'string' || typeof inclusion.include === 'string')) usesVariables = true;
        if (selection.kind === 'FieldSelection') {
          const field = selection.element;
          const responseName = field.responseName();
          // `constructor`, `toString`, `__proto__`…: a plain object would answer them from its prototype.
          if (responseName in Object.prototype) plainKeys = false;
          const type = field.definition.type as OutputType;
          out.push({
            kind: 'field',
            responseName,
            inclusion,
            introspection: field.definition.isSchemaIntrospectionField() ? selection : null,
            isTypename: field.name === typenameFieldName,
            hasSelections: !!selection.selectionSet,
            shape: compileValue(type, selection.selectionSet),
          });
        } else {
          const condition = selection.element.typeCondition;
          const memo = new Map<string, boolean>();
          out.push({
            kind: 'fragment',
            inclusion,
            appliesTo: condition
              ? (typename) => {
                  let applies = memo.get(typename);
                  if (applies === undefined) {
                    const type = schema.type(typename);
                    applies = !!type && isSubtype(condition, type);
                    memo.set(typename, applies);
                  }
                  return applies;
                }
              : () => true,
            appliesWithoutTypename: !condition || isSubtype(condition, parent),
            typeCondition: condition ? this.facts(condition) : null,
            selections: compileSet(selection.selectionSet, condition ?? parent),
          });
        }
      }
      return out;
    };
    const compileValue = (type: OutputType, selectionSet: SelectionSet | undefined): ValueShape => {
      const display = type.toString();
      if (isNonNullType(type)) return { display, kind: 'nonNull', of: compileValue(type.ofType, selectionSet) };
      if (isListType(type)) return { display, kind: 'list', of: compileValue(type.ofType as OutputType, selectionSet) };
      if (isCompositeType(type)) {
        if (!selectionSet) throw new Error(`Invalid empty selection set for composite type ${display}`);
        return { display, kind: 'composite', type: this.facts(type), selections: compileSet(selectionSet, type) };
      }
      const leaf = type;
      return { display, kind: 'leaf', isValid: (value) => isValidLeafValue(schema, value, leaf) };
    };
    this.root = compileSet(operation.selectionSet, rootType);
    this.defaultedVariables = operation.collectDefaultedVariableValues();
    this.usesVariables = usesVariables;
    this.plainKeys = plainKeys;
  }

  /** The answer for `input` (the merged subgraph data), as `computeResponse` would give it. */
  shape(input: Record<string, unknown> | null | undefined, variables: Record<string, unknown> | undefined, introspect: IntrospectionHandler): ShapedResponse {
    if (!input) return { data: input as null, errors: [] };
    const walk: Walk = {
      variables: this.usesVariables ? { __proto__: null, ...this.defaultedVariables, ...variables } : {},
      errors: [],
      introspect,
      flags: 0,
    };
    const data = this.object();
    const result = this.applySelections(walk, input, this.root, data, [], this.rootType);
    return { data: result === NULL_BUBBLE_UP ? null : data, errors: walk.errors };
  }

  private object(): Record<string, unknown> {
    return this.plainKeys ? {} : (Object.create(null) as Record<string, unknown>);
  }

  private applySelections(
    walk: Walk,
    input: Record<string, unknown>,
    selections: CompiledSelection[],
    output: Record<string, unknown>,
    path: (string | number)[],
    parentType: TypeFacts,
  ): number {
    for (const selection of selections) {
      if (selection.inclusion && this.skipped(selection.inclusion, walk.variables)) continue;
      if (selection.kind === 'field') {
        const { responseName } = selection;
        const outputValue = output[responseName];
        if (selection.introspection) {
          if (outputValue === undefined) output[responseName] = walk.introspect(selection.introspection);
          continue;
        }
        let inputValue = (Object.hasOwn(input, responseName) ? input[responseName] : undefined) ?? null;
        if (selection.isTypename) {
          if (outputValue === undefined) {
            if (inputValue === null && responseName !== typenameFieldName) inputValue = input[typenameFieldName] ?? null;
            const type = typeof inputValue === 'string' ? (this.typeNamed(inputValue) ?? parentType) : parentType;
            if (!type.isObject) return NULL_BUBBLE_UP;
            output[responseName] = type.name;
          }
          continue;
        }
        path.push(responseName);
        const updated = this.updateValue(walk, outputValue, selection.shape, selection.hasSelections, inputValue, path, parentType);
        const flags = walk.flags;
        output[responseName] = updated;
        path.pop();
        if (flags & INVALID) return NULL_BUBBLE_UP;
      } else {
        const typename = input[typenameFieldName];
        if (typename && typeof typename !== 'string') throw new Error(`Got unexpected value for __typename: ${String(typename)}`);
        if (typename ? selection.appliesTo(typename as string) : selection.appliesWithoutTypename) {
          const result = this.applySelections(walk, input, selection.selections, output, path, selection.typeCondition ?? parentType);
          if (result === NULL_BUBBLE_UP) return NULL_BUBBLE_UP;
        }
      }
    }
    return OK;
  }

  /** updateOutputValue: returns the value and leaves INVALID / HAS_ERRORS in `walk.flags`. */
  private updateValue(
    walk: Walk,
    outputValue: unknown,
    shape: ValueShape,
    hasSelections: boolean,
    inputValue: unknown,
    path: (string | number)[],
    parentType: TypeFacts,
  ): unknown {
    walk.flags = 0;
    if (outputValue === null || (outputValue !== undefined && !hasSelections)) return outputValue;
    switch (shape.kind) {
      case 'nonNull': {
        const updated = this.updateValue(walk, outputValue, shape.of, hasSelections, inputValue, path, parentType);
        if (updated === null) {
          if (!(walk.flags & HAS_ERRORS)) {
            walk.errors.push(ERRORS.INVALID_GRAPHQL.err(`Cannot return null for non-nullable ${describeLast(path, shape.of.display, parentType)}.`, { path: Array.from(path) }));
          }
          walk.flags = INVALID | HAS_ERRORS;
          return updated;
        }
        walk.flags = 0;
        return updated;
      }
      case 'list': {
        if (inputValue === null) return null;
        if (!Array.isArray(inputValue)) throw new Error(`Invalid non-list value ${String(inputValue)} returned by subgraph for list type ${shape.display}`);
        if (outputValue !== undefined && !Array.isArray(outputValue)) throw new Error(`Invalid non-list value ${String(outputValue)} returned by subgraph for list type ${shape.display}`);
        const previous = outputValue as unknown[] | undefined;
        if (previous && previous.length !== inputValue.length) throw new Error(`[${String(inputValue)}].length (${inputValue.length}) !== [${String(previous)}].length (${previous.length})`);
        let nullify = false;
        let hasErrors = false;
        const updated = new Array<unknown>(inputValue.length);
        for (let index = 0; index < inputValue.length; index++) {
          path.push(index);
          updated[index] = this.updateValue(walk, previous?.[index], shape.of, hasSelections, inputValue[index], path, parentType);
          path.pop();
          if (walk.flags & INVALID) nullify = true;
          if (walk.flags & HAS_ERRORS) hasErrors = true;
        }
        walk.flags = hasErrors ? HAS_ERRORS : 0;
        return nullify ? null : updated;
      }
      case 'composite': {
        if (inputValue === null) return null;
        if (typeof inputValue !== 'object') throw new Error(`Invalid non-object value ${String(inputValue)} returned by subgraph for composite type ${shape.display}`);
        if (outputValue !== undefined && typeof outputValue !== 'object') throw new Error(`Invalid non-object value ${String(inputValue)} returned by subgraph for composite type ${shape.display}`);
        const object = inputValue as Record<string, unknown>;
        const inputTypename = object[typenameFieldName];
        if (inputTypename !== undefined && typeof inputTypename !== 'string') throw new Error(`Invalid non-string value ${String(inputTypename)} for __typename at ${path.join(',')}`);
        let objectType = shape.type;
        if (inputTypename) {
          const named = this.typeNamed(inputTypename);
          if (!named?.isComposite) {
            walk.errors.push(ERRORS.INVALID_GRAPHQL.err(`Invalid __typename found for object at ${describeLast(path, shape.display, parentType)}.`, { path: Array.from(path) }));
            walk.flags = HAS_ERRORS;
            return null;
          }
          objectType = named;
        }
        const output = (outputValue as Record<string, unknown> | undefined) ?? this.object();
        const result = this.applySelections(walk, object, shape.selections, output, path, objectType);
        walk.flags = result === NULL_BUBBLE_UP ? HAS_ERRORS : 0;
        return result === NULL_BUBBLE_UP ? null : output;
      }
      case 'leaf': {
        if (inputValue === null) return null;
        if (outputValue !== undefined) throw new Error('Expected output to be undefined for a leaf value');
        if (shape.isValid(inputValue)) return inputValue;
        walk.errors.push(ERRORS.INVALID_GRAPHQL.err(`Invalid value found for ${describeLast(path, shape.display, parentType)}.`, { path: Array.from(path) }));
        walk.flags = HAS_ERRORS;
        return null;
      }
    }
  }

  private skipped(inclusion: Inclusion, variables: Record<string, unknown>): boolean {
    return (inclusion.skip !== null && condition(inclusion.skip, variables)) || (inclusion.include !== null && !condition(inclusion.include, variables));
  }

  private inclusion(directives: readonly Directive[]): Inclusion | null {
    const argument = (name: string): boolean | string | null => {
      const directive = directives.find((d) => d.name === name);
      if (!directive) return null;
      const value = (directive.arguments() as { if: unknown }).if;
      return value instanceof Variable ? value.name : (value as boolean);
    };
    const inclusion = { skip: argument('skip'), include: argument('include') };
    return inclusion.skip === null && inclusion.include === null ? null : inclusion;
  }

  private typeNamed(name: string): TypeFacts | null {
    let facts = this.types.get(name);
    if (facts === undefined) {
      const type = this.schema.type(name);
      facts = type ? this.facts(type) : null;
      this.types.set(name, facts);
    }
    return facts;
  }

  private facts(type: NamedType): TypeFacts {
    return { name: type.name, isObject: isObjectType(type), isComposite: isCompositeType(type) };
  }
}

function condition(value: boolean | string, variables: Record<string, unknown>): boolean {
  if (typeof value === 'boolean') return value;
  const bound = variables[value];
  if (typeof bound !== 'boolean') throw new Error(`Unexpected value ${String(bound)} for variable $${value} of @skip/@include`);
  return bound;
}

/** pathLastElementDescription: `field Type.name` or `array element of type T at index i`. */
function describeLast(path: (string | number)[], currentType: string, parentType: TypeFacts): string {
  const element = path[path.length - 1];
  return typeof element === 'string' ? `field ${parentType.name}.${element}` : `array element of type ${currentType} at index ${element}`;
}
