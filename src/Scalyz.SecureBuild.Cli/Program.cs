using Scalyz.SecureBuild.Cli;
using Scalyz.SecureBuild.Core.IO;

AtomicFile.CleanUpOnSignals();
return CliApp.Run(args, Console.Out, Console.Error);
