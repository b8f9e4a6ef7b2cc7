using System.Text.Json;
using System.Text.Json.Serialization;

namespace MLNet.Regularization.Tuning.Storage;

/// <summary>
/// The <c>parameters</c> column of a stored trial: a JSON object of option name to internal value, e.g.
/// <c>{"L2":0.30000000000000004,"Layers":2}</c>. Numbers are written in their shortest round-trip form, so that a value
/// read back has the same bits as the one written; NaN and infinities are written as the strings "NaN", "Infinity" and
/// "-Infinity".
/// </summary>
internal static class ParametersJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The JSON text of <paramref name="parameters"/>.</summary>
    public static string Write(IReadOnlyDictionary<string, double> parameters) => JsonSerializer.Serialize(parameters, Options);

    /// <summary>The parameters that <paramref name="json"/> holds; throws naming the text when it is not such an object.</summary>
    public static IReadOnlyDictionary<string, double> Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, double>>(json, Options)
                ?? throw new InvalidDataException($"A stored trial's parameters are 'null'; expected a JSON object of option names to numbers.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"A stored trial's parameters '{json}' are not a JSON object of option names to numbers: {e.Message}", e);
        }
    }
}
