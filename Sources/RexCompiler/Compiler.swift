import RexLanguage

/// Namespace of the rex compiler: resolver, types, IR, SQL dialects, pandas generator.
public enum RexCompiler {}
