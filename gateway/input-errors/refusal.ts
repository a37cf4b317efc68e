import type { GraphQLEnumType } from 'graphql';

/** A value refused before any resolver ran: the argument path and the whole message. */
export interface Refusal {
  field: string;
  message: string;
}

/** Why a value is not one of an enum's, with the values it allows (the input contract). */
export function notInEnum(printed: string, type: GraphQLEnumType): string {
  const allowed = type.getValues().map((value) => value.name);
  return `Value ${printed} does not exist in "${type.name}" enum. Allowed values: ${allowed.join(', ')}.`;
}
