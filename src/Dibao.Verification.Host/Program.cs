using Dibao.Verification.Host;
using Dibao.Verification.Host.Cli;

try
{
    if (args.Length > 0 && args[0] == "verify")
    {
        return await VerifyCommand.RunAsync(args[1..]);
    }

    if (args.Length > 0 && args[0] == "sandbox")
    {
        return await SandboxCommand.RunAsync(args[1..]);
    }

    if (args.Length > 0 && args[0] == "requeue-errors")
    {
        return await RequeueErrorsCommand.RunAsync(args[1..], Console.Out, Console.Error);
    }

    if (args.Length > 0 && args[0] == "token")
    {
        return TokenCommand.Run(args[1..], Console.Out, Console.Error);
    }

    if (args.Length > 0 && args[0] == "verify-audit")
    {
        return await VerifyAuditCommand.RunAsync(args[1..], Console.Out, Console.Error);
    }

    if (args.Length > 0 && args[0] == "broker-permissions")
    {
        return BrokerPermissionsCommand.Run(args[1..], Console.Out, Console.Error);
    }

    if (args.Length > 0 && args[0] == "recompare")
    {
        return await RecompareCommand.RunAsync(args[1..]);
    }

    if (args.Length > 0 && args[0] == "seed-roll")
    {
        return await SeedRollCommand.RunAsync(args[1..]);
    }

    if (args.Length > 0 && args[0] == "migrate")
    {
        return await MigrateCommand.RunAsync(args[1..]);
    }

    await using var app = await HubHost.BuildAsync(args);
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ConfigurationErrors.Describe(ex) is { } error)
{
    return ConfigurationErrors.Report(error);
}
