using System.Text.Json.Nodes;

namespace MLNet.Regularization.Tuning;

/// <summary>A search space as JSON and back: each range with its kind, bounds, typed choices and condition.</summary>
internal static class SpaceJson
{
    public static JsonArray Write(SearchSpace space) => new([.. space.Select(entry =>
    {
        var (name, range) = (entry.Key, entry.Value);
        var json = new JsonObject { ["name"] = name, ["kind"] = range.Kind.ToString() };
        if (range.IsCategorical) json["choices"] = new JsonArray([.. range.Choices.Select(WriteValue)]);
        else
        {
            json["low"] = range.Low;
            json["high"] = range.High;
            json["log"] = range.IsLog;
        }
        if (range.Condition is { } condition)
            json["when"] = new JsonObject { ["option"] = condition.Option, ["values"] = new JsonArray([.. condition.Values.Select(WriteValue)]) };
        return (JsonNode)json;
    })]);

    public static SearchSpace Read(JsonArray json)
    {
        var space = new SearchSpace();
        foreach (var node in json)
        {
            var entry = node!.AsObject();
            var kind = Enum.Parse<SearchRangeKind>(entry["kind"]!.GetValue<string>());
            var range = kind switch
            {
                SearchRangeKind.Categorical => SearchRange.Categorical([.. entry["choices"]!.AsArray().Select(ReadValue)]),
                SearchRangeKind.Integer => SearchRange.Integer((int)entry["low"]!.GetValue<double>(), (int)entry["high"]!.GetValue<double>(), entry["log"]!.GetValue<bool>()),
                SearchRangeKind.LogUniform => SearchRange.LogUniform(entry["low"]!.GetValue<double>(), entry["high"]!.GetValue<double>()),
                _ => SearchRange.Uniform(entry["low"]!.GetValue<double>(), entry["high"]!.GetValue<double>()),
            };
            if (entry["when"] is JsonObject when)
                range = range.When(when["option"]!.GetValue<string>(), [.. when["values"]!.AsArray().Select(ReadValue)]);
            space[entry["name"]!.GetValue<string>()] = range;
        }
        return space;
    }

    /// <summary>A choice with its type: booleans, numbers, strings, enum members and lists of numbers.</summary>
    private static JsonNode WriteValue(object value) => value switch
    {
        bool b => new JsonObject { ["bool"] = b },
        int i => new JsonObject { ["int"] = i },
        double d => new JsonObject { ["double"] = d },
        float f => new JsonObject { ["double"] = (double)f },
        string s => new JsonObject { ["string"] = s },
        Enum e => new JsonObject { ["enum"] = $"{e.GetType().FullName}, {e.GetType().Assembly.GetName().Name}", ["value"] = e.ToString() },
        IEnumerable<int> ints => new JsonObject { ["ints"] = new JsonArray([.. ints.Select(i => (JsonNode)i)]) },
        IEnumerable<double> doubles => new JsonObject { ["doubles"] = new JsonArray([.. doubles.Select(d => (JsonNode)d)]) },
        _ => throw new NotSupportedException($"A search range cannot hold a value of type {value.GetType().Name}: use booleans, numbers, strings, enum members or lists of numbers."),
    };

    private static object ReadValue(JsonNode? node)
    {
        var json = node!.AsObject();
        if (json["bool"] is { } b) return b.GetValue<bool>();
        if (json["int"] is { } i) return i.GetValue<int>();
        if (json["double"] is { } d) return d.GetValue<double>();
        if (json["string"] is { } s) return s.GetValue<string>();
        if (json["ints"] is JsonArray ints) return ints.Select(n => n!.GetValue<int>()).ToArray();
        if (json["doubles"] is JsonArray doubles) return doubles.Select(n => n!.GetValue<double>()).ToArray();
        string typeName = json["enum"]!.GetValue<string>();
        var type = Type.GetType(typeName, throwOnError: false) is { IsEnum: true } t ? t
            : throw new FormatException($"A stored search range names enum type {typeName}, which cannot be found.");
        return Enum.Parse(type, json["value"]!.GetValue<string>());
    }
}
