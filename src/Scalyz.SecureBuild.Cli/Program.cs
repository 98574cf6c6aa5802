using Scalyz.SecureBuild.Cli;

return CliApp.Run(args, Console.Out, Console.Error);
