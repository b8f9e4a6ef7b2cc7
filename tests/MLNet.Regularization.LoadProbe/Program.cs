// Usage:
//   MLNet.Regularization.LoadProbe <model.zip> <features.bin> <featureCount>
//     Loads the model with a plain mlContext.Model.Load, scores the rows of features.bin (little-endian floats, row-major)
//     and prints each row's first Score value as the hexadecimal bits of the float, one per line.
//   MLNet.Regularization.LoadProbe temp-files <work folder>
//     Trains, scores, saves, loads and disposes models of every task and prints, after each step, how many entries the
//     process's temporary folder holds (see TemporaryFilesProbe).
return args is ["temp-files", var folder] ? TemporaryFilesProbe.Run(folder) : LoadAndScore.Run(args);
