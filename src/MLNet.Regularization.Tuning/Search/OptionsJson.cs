using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;

namespace MLNet.Regularization.Tuning;

/// <summary>
/// Trainer options (and the option objects they hold: augmentation steps, the adaptive controller) as JSON and back, so that a
/// worker on another machine trains with the same options. Every public property with a setter is kept, and a get-only one
/// that a constructor takes (the MLP's preset); progress receivers and cancellation tokens belong to the process and are left
/// out. Only types of the MLNet.Regularization assemblies are created when reading.
/// </summary>
internal static class OptionsJson
{
    private const string TypeKey = "$type";

    public static JsonObject Write(object options)
    {
        var type = options.GetType();
        var json = new JsonObject { [TypeKey] = $"{type.FullName}, {type.Assembly.GetName().Name}" };
        foreach (var property in Kept(type))
            json[property.Name] = WriteValue(property.GetValue(options));
        return json;
    }

    public static object Read(JsonObject json)
    {
        string typeName = json[TypeKey]?.GetValue<string>() ?? throw new FormatException("Stored options have no type.");
        var type = Type.GetType(typeName, throwOnError: false);
        if (type is null || !IsOwnType(type))
            throw new FormatException($"Stored options name type {typeName}, which is not an options type of MLNet.Regularization.");
        var constructor = type.GetConstructors()
            .Where(c => c.GetParameters().All(p => json.ContainsKey(Capitalized(p.Name!))))
            .MaxBy(c => c.GetParameters().Length)
            ?? throw new FormatException($"Type {type.Name} has no constructor for the stored options.");
        var options = constructor.Invoke(constructor.GetParameters()
            .Select(p => ReadValue(json[Capitalized(p.Name!)], p.ParameterType)).ToArray());
        foreach (var property in Kept(type).Where(p => p.CanWrite && json.ContainsKey(p.Name)))
            property.SetValue(options, ReadValue(json[property.Name], property.PropertyType));
        return options;
    }

    /// <summary>The properties kept: settable ones, and get-only ones a constructor takes.</summary>
    private static IEnumerable<PropertyInfo> Kept(Type type)
    {
        var constructorParameters = type.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => Capitalized(p.Name!)).ToHashSet();
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true }
                && (p.SetMethod is { IsPublic: true } || constructorParameters.Contains(p.Name))
                && p.PropertyType != typeof(CancellationToken)
                && !(p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(IProgress<>)))
            .OrderBy(p => p.Name, StringComparer.Ordinal);
    }

    private static JsonNode? WriteValue(object? value) => value switch
    {
        null => null,
        bool b => JsonValue.Create(b),
        Enum e => JsonValue.Create(e.ToString()),
        string s => JsonValue.Create(s),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        float f => JsonValue.Create(f),
        double d => JsonValue.Create(d),
        IEnumerable list => new JsonArray([.. list.Cast<object?>().Select(WriteValue)]),
        _ when IsOwnType(value.GetType()) => Write(value),
        _ => throw new NotSupportedException($"Options of type {value.GetType().Name} cannot be stored with a search."),
    };

    private static object? ReadValue(JsonNode? node, Type type)
    {
        if (node is null) return null;
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target.IsEnum) return Enum.Parse(target, node.GetValue<string>());
        if (target == typeof(bool)) return node.GetValue<bool>();
        if (target == typeof(string)) return node.GetValue<string>();
        if (target == typeof(int)) return node.GetValue<int>();
        if (target == typeof(long)) return node.GetValue<long>();
        if (target == typeof(float)) return node.GetValue<float>();
        if (target == typeof(double)) return node.GetValue<double>();
        if (node is JsonArray array)
        {
            var element = target.IsArray ? target.GetElementType()! : target.GetGenericArguments().Single();
            var values = Array.CreateInstance(element, array.Count);
            for (int i = 0; i < array.Count; i++) values.SetValue(ReadValue(array[i], element), i);
            return values;
        }
        return Read(node.AsObject());
    }

    private static bool IsOwnType(Type type) => type.Assembly.GetName().Name?.StartsWith("MLNet.Regularization", StringComparison.Ordinal) == true;

    private static string Capitalized(string name) => char.ToUpper(name[0], CultureInfo.InvariantCulture) + name[1..];
}
