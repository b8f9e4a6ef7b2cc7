using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("MLNet.Regularization.Tuning.Tests")]
