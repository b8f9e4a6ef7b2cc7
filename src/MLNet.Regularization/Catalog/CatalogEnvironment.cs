using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace MLNet.Regularization;

/// <summary>
/// Finds the ML.NET environment behind a trainer catalog, so that training progress reaches <c>MLContext.Log</c> and
/// temporary files go to <c>MLContext.TempFilePath</c>.
/// ML.NET exposes it only through an internal interface; if a future version renames it, trainers still work,
/// without log messages (a test guards this lookup).
/// </summary>
internal static class CatalogEnvironment
{
    private static readonly PropertyInfo? EnvironmentProperty =
        typeof(TrainCatalogBase).Assembly.GetType("Microsoft.ML.Data.IInternalCatalog")?.GetProperty("Environment");

    public static IHostEnvironment? Of(object catalog) => EnvironmentProperty?.GetValue(catalog) as IHostEnvironment;

    // MLContext.CancelExecution (used by AutoML and other hosts) sets ICancelable.IsCanceled on the environment; ML.NET's own
    // trainers check it between iterations (Contracts.CheckAlive). Both are internal; a test guards this lookup.
    private static readonly PropertyInfo? IsCanceledProperty =
        typeof(IHostEnvironment).Assembly.GetType("Microsoft.ML.Runtime.ICancelable")?.GetProperty("IsCanceled");

    /// <summary>Whether the host asked for execution to stop (<c>MLContext.CancelExecution</c>).</summary>
    public static bool IsCanceled(IHostEnvironment environment) =>
        IsCanceledProperty is { DeclaringType: { } cancelable } && cancelable.IsInstanceOfType(environment)
        && IsCanceledProperty.GetValue(environment) is true;

    /// <summary>Throws what ML.NET's own trainers throw when the host has been canceled: an <see cref="OperationCanceledException"/>.</summary>
    public static void ThrowIfCanceled(IHostEnvironment environment)
    {
        if (IsCanceled(environment)) throw environment.Process(new OperationCanceledException("Operation was canceled."));
    }

    /// <summary>The environment's temporary folder (<see cref="MLContext.TempFilePath"/>), or the system's when the environment
    /// is unknown or does not say.</summary>
    public static string TempFolder(IHostEnvironment? environment) =>
        environment?.GetType().GetProperty(nameof(MLContext.TempFilePath))?.GetValue(environment) as string is { Length: > 0 } folder
            ? folder
            : Path.GetTempPath();
}
