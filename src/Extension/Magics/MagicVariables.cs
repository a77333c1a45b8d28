namespace NotebookRnn.Notebook.Magics;

/// <summary>Looks up the variables a magic names, with errors that say what is wrong.</summary>
internal static class MagicVariables
{
    /// <summary>The value of variable <paramref name="name"/>.</summary>
    /// <exception cref="MagicError">No such variable, or it is null.</exception>
    public static object Require(IVariableLookup variables, string name)
    {
        if (!variables.TryGetValue(name, out object? value)) throw new MagicError($"unknown variable '{name}'");
        return value ?? throw new MagicError($"variable '{name}' is null");
    }

    /// <summary>The variable name a command was given.</summary>
    /// <param name="name">The bound value, null when the command line lacked it.</param>
    /// <param name="placeholder">The parameter as the usage writes it, e.g. <c>&lt;variable&gt;</c>.</param>
    /// <exception cref="MagicError">No name was given.</exception>
    public static string Name(string? name, string placeholder) =>
        string.IsNullOrWhiteSpace(name) ? throw new MagicError($"{placeholder} is missing") : name.Trim();

    /// <summary>A type's name as C# writes it: <c>int[][]</c>, <c>List&lt;string&gt;</c>, <c>Sequential</c>.</summary>
    public static string TypeName(Type type)
    {
        if (type.IsArray) return TypeName(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        string? keyword = Type.GetTypeCode(type) switch
        {
            TypeCode.Int32 => "int",
            TypeCode.Single => "float",
            TypeCode.Double => "double",
            TypeCode.String => "string",
            TypeCode.Boolean => "bool",
            TypeCode.Int64 => "long",
            _ => null,
        };
        if (keyword is not null) return keyword;
        if (!type.IsGenericType) return type.Name;
        string name = type.Name[..type.Name.IndexOf('`')];
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>";
    }

    /// <summary>"'x' is a string" — for wrong-type errors.</summary>
    public static string Is(string name, object value) => $"'{name}' is a {TypeName(value.GetType())}";
}
