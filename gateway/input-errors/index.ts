/**
 * graphql-js refuses a value of the wrong type (an unknown enum value, a string for an
 * Int) before any resolver runs, so the resolvers' BadUserInputError, which names the
 * field, never gets the chance: written inline the refusal is a validation error
 * (GRAPHQL_VALIDATION_FAILED), and in variables a BAD_USER_INPUT whose path hides in an
 * English message, behind the variable's name rather than the argument's. Here both
 * become BAD_USER_INPUT with `extensions.field` the argument path (`input.stage`, as the
 * resolvers name it) and a message that starts with that path and, for an enum, lists
 * its values (the input contract, also when introspection is off). Both are found from
 * structure, never by reading graphql-js's words: variables are checked against their
 * types before the gateway's executor coerces them (`variableCheck`), and a refused
 * literal's type is looked up in the document with TypeInfo (`withInputField`).
 */
export { withInputField } from './literals';
export { type Refusal } from './refusal';
export { variableCheck, variableRefusal } from './variables';
