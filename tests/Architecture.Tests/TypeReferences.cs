using System.Reflection;
using System.Reflection.Emit;

namespace NotebookRnn.Architecture.Tests;

/// <summary>
/// Every type a type refers to: in its signatures (base type, interfaces, fields, properties, method parameters and
/// returns, generic arguments, attributes) and in the code of its methods (the types of every member the IL calls,
/// creates, reads or writes, casts to, boxes or loads a token of).
/// </summary>
internal static class TypeReferences
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance |
                                          BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue =
        typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(o => o.Value);

    /// <summary>The types <paramref name="type"/> refers to, each with where (a member name, or "base", "field x").</summary>
    public static IEnumerable<(Type Target, string Where)> Of(Type type)
    {
        if (type.BaseType is { } baseType) foreach (Type t in Expand(baseType)) yield return (t, "base type");
        foreach (Type contract in type.GetInterfaces()) foreach (Type t in Expand(contract)) yield return (t, "interface");
        foreach (var attribute in type.GetCustomAttributesData()) foreach (Type t in Expand(attribute.AttributeType)) yield return (t, "attribute");
        foreach (FieldInfo field in type.GetFields(Declared))
            foreach (Type t in Expand(field.FieldType)) yield return (t, $"field {field.Name}");
        foreach (PropertyInfo property in type.GetProperties(Declared))
            foreach (Type t in Expand(property.PropertyType)) yield return (t, $"property {property.Name}");
        foreach (MethodBase method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (method is MethodInfo { ReturnType: var returns }) foreach (Type t in Expand(returns)) yield return (t, $"{method.Name} return");
            foreach (ParameterInfo parameter in method.GetParameters())
                foreach (Type t in Expand(parameter.ParameterType)) yield return (t, $"{method.Name} parameter {parameter.Name}");
            foreach (Type t in CodeReferences(method)) yield return (t, $"{method.Name} code");
        }
    }

    // The element, generic arguments and declaring types of a type, as separate references.
    private static IEnumerable<Type> Expand(Type type)
    {
        if (type.HasElementType) { foreach (Type t in Expand(type.GetElementType()!)) yield return t; yield break; }
        if (type.IsGenericParameter) yield break;
        yield return type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (type.IsGenericType) foreach (Type argument in type.GetGenericArguments()) foreach (Type t in Expand(argument)) yield return t;
    }

    // Reads the method's IL and resolves every token operand to the type it names or the type declaring the member.
    private static IEnumerable<Type> CodeReferences(MethodBase method)
    {
        byte[]? il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) yield break;
        Module module = method.Module;
        Type[]? typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        Type[]? methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (int offset = 0; offset < il.Length;)
        {
            OpCode code = il[offset] == 0xFE ? OpCodesByValue[(short)(0xFE00 | il[offset + 1])] : OpCodesByValue[il[offset]];
            offset += code.Size;
            int operandSize = OperandSize(code.OperandType, il, offset);
            if (code.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                int token = BitConverter.ToInt32(il, offset);
                MemberInfo? member = null;
                try { member = module.ResolveMember(token, typeArguments, methodArguments); }
                catch (ArgumentException) { }
                Type? target = member as Type ?? member?.DeclaringType;
                if (target is not null) foreach (Type t in Expand(target)) yield return t;
                if (member is FieldInfo field) foreach (Type t in Expand(field.FieldType)) yield return t;
            }
            offset += operandSize;
        }
    }

    private static int OperandSize(OperandType type, byte[] il, int offset) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, offset),
        _ => 4,
    };
}
