using Dibao.Verification.Host;
using Dibao.Verification.Host.Cli;

if (args.Length > 0 && args[0] == "verify")
{
    return await VerifyCommand.RunAsync(args[1..]);
}

await using var app = await HubHost.BuildAsync(args);
await app.RunAsync();
return 0;
