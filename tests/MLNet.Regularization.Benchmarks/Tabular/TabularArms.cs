namespace MLNet.Regularization.Benchmarks.Tabular;

/// <summary>The arms <c>--arms</c> can name, and the MLP arms <c>--mlp-arm "name:Option=value;Option=value"</c> adds
/// (<c>Preset=Pixels</c> among them starts from that preset).</summary>
internal static class TabularArms
{
    /// <summary>The built-in arms, in the order of the tables.</summary>
    public static IReadOnlyList<TabularArm> BuiltIn { get; } =
    [
        new MlpArm(MlpArm.DefaultName, []),
        new MlpArm(MlpArm.PixelsName, [], MlpPreset.Pixels),
        new MlpTunedArm(),
        new LightGbmArm(),
        new FastTreeArm(),
        new SdcaArm(),
    ];

    /// <summary>The arms of a run without <c>--arms</c>: the built-in ones but the tuned MLP, whose search multiplies the run's time.</summary>
    public static IReadOnlyList<TabularArm> Default { get; } = [.. BuiltIn.Where(a => a.Name != MlpTunedArm.ArmName)];

    /// <summary>The built-in arm named <paramref name="name"/>, or <see langword="null"/>.</summary>
    public static TabularArm? Find(string name) => BuiltIn.FirstOrDefault(a => a.Name == name);

    /// <summary>Parses "name:Option=value;Option=value" into an MLP arm; throws <see cref="ArgumentException"/> with a message naming
    /// the arm and the option at fault.</summary>
    public static MlpArm ParseMlpArm(string spec)
    {
        int colon = spec.IndexOf(':');
        string name = (colon < 0 ? spec : spec[..colon]).Trim();
        if (name.Length == 0 || name.Contains(',') || name.Any(char.IsWhiteSpace))
            throw new ArgumentException($"--mlp-arm \"{spec}\": the arm needs a name without commas or spaces, as in \"wide:HiddenLayers=1024,512\".");
        if (Find(name) is not null)
            throw new ArgumentException($"--mlp-arm \"{spec}\": {name} is a built-in arm; choose another name.");
        string body = colon < 0 ? "" : spec[(colon + 1)..];
        try
        {
            var parts = body.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            // Preset=Pixels chooses the options' constructor; the other assignments are set after it.
            var preset = parts.Where(p => p.StartsWith("Preset=", StringComparison.Ordinal))
                .Select(p => Enum.TryParse<MlpPreset>(p["Preset=".Length..], out var value) && Enum.IsDefined(value) ? value
                    : throw new ArgumentException($"{p}: the presets are {string.Join(", ", Enum.GetNames<MlpPreset>())}."))
                .LastOrDefault(MlpPreset.Tabular);
            var assignments = parts.Where(p => !p.StartsWith("Preset=", StringComparison.Ordinal))
                .Select(p => OptionAssignment.Parse(p, OptionAssignment.MlpOptionsTypes)).ToArray();
            return new MlpArm(name, assignments, preset);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"--mlp-arm \"{spec}\": {e.Message}", e);
        }
    }
}
