using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("MLNet.Regularization.ImageAugmentation.Tests")]
