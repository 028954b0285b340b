using System.Data.Common;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Operations;
using Dibao.Verification.Host.Persistence;

namespace Dibao.Verification.Host.Cli;

/// <summary>
/// <c>verify-audit</c>: checks the whole audit trail of the configured database (<see cref="AuditVerifier"/>), reading the
/// same settings as the hub. Exit codes: 0 intact, printing the number of entries and the head's hash (worth noting
/// down elsewhere: the chain shows any change short of recomputing every later hash); 1 broken, naming the first broken
/// entry by its sequence number; 2 the database could not be read (unreachable, or not migrated). A configuration error
/// is thrown for the program to report like the hub's own.
/// </summary>
public static class VerifyAuditCommand
{
    public const int Broken = 1;
    public const int Unreadable = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = UnwatchedConfiguration.Args(args), ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        HubHost.AddDatabaseForCommand(builder.Services, builder.Configuration);
        builder.Services.AddScoped<AuditVerifier>();
        await using var app = builder.Build();

        await using var scope = app.Services.CreateAsyncScope();
        AuditVerification result;
        try
        {
            result = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException { InnerException: DbException })
        {
            var provider = app.Services.GetRequiredService<DatabaseOptions>().ParsedProvider;
            await error.WriteLineAsync($"Reading the audit trail of the {provider} database failed (is it migrated? see the migrate command): {ex.InnerException?.Message ?? ex.Message}".ReplaceLineEndings(" "));
            return Unreadable;
        }

        if (result.FirstBroken is { } broken)
        {
            await output.WriteLineAsync($"The audit trail is BROKEN at entry {broken.Sequence}: {broken.Problem}. {result.Entries} entries before it are intact.");
            return Broken;
        }

        await output.WriteLineAsync($"The audit trail is intact: {result.Entries} entries; the last one's hash is {result.HeadHash}.");
        return 0;
    }
}
