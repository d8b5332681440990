/** The numeric symbol kinds of the Language Server Protocol, as plain constants. */
export const SymbolKind = {
  File: 1,
  Module: 2,
  Namespace: 3,
  Package: 4,
  Class: 5,
  Field: 8,
  Constructor: 9,
  Function: 12,
  Variable: 13,
  Constant: 14,
  String: 15,
  Number: 16,
  Key: 20,
  Event: 24,
} as const;

/** One of the values above. */
export type SymbolKindValue = (typeof SymbolKind)[keyof typeof SymbolKind];
