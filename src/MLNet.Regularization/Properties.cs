using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("MLNet.Regularization.Tests")]
[assembly: InternalsVisibleTo("MLNet.Regularization.Tuning")]
