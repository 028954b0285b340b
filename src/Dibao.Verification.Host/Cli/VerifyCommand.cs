using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Messaging;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Cli;

/// <summary>
/// <c>verify FILE.csv</c>: starts the embedded hub, verifies one CSV batch end to end and prints the
/// outcome of every household. Exit codes: 0 verified, 1 batch refused, 2 usage or file error, 3 timed out; a configuration
/// error is thrown for the program to report like the hub's own (<see cref="ConfigurationErrors.ExitCode"/>).
/// Runs on the sandbox unless configured otherwise (<see cref="VerifyDefaults"/>). It talks to the hub it started as any
/// client does, over HTTP, as the township's caseworker with a token it mints from the embedded default's local key.
/// </summary>
public static class VerifyCommand
{
    private const string Usage = """
        用法: dotnet run --project src/Dibao.Verification.Host -- verify <batch.csv> [选项] [--配置键=值 ...]
          --township <9位代码>   提交批次的乡镇（街道），默认 220105001
          --purpose <目的>       核对目的，默认 new-application
          --as-of <yyyy-MM-dd>   核对基准日，默认今天
          --timeout <秒>         最长等待时间，默认 600
        CSV 列: household_ref,consent_ref,id_number,name,relation (UTF-8 或 GB18030)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            Console.Error.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        var options = VerifyArguments.Parse(args);
        if (options.Error is not null)
        {
            Console.Error.WriteLine(options.Error);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        if (!File.Exists(options.File))
        {
            Console.Error.WriteLine($"找不到文件: {Path.GetFullPath(options.File!)}");
            return 2;
        }

        var content = await File.ReadAllBytesAsync(options.File!);
        var csv = CsvBatchReader.Read(content, options.Township, options.Purpose, options.AsOf);
        if (csv.Request is null)
        {
            ConsoleReport.WriteProblems(csv.Problems);
            return 1;
        }

        await using var app = await HubHost.BuildAsync([.. options.HostArguments], builder =>
        {
            VerifyDefaults.Apply(builder.Configuration, options.AsOf);
            builder.WebHost.UseUrls("http://127.0.0.1:0");

            // The table is the output; only warnings and errors should interrupt the progress line.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
            });
        });
        await app.StartAsync();
        try
        {
            var token = LocalTokens.Mint(app.Services.GetRequiredService<IOptions<AuthOptions>>().Value, "verify", HubRoles.TownshipCaseworker, options.Township, options.Timeout + TimeSpan.FromMinutes(5));
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = Timeout.InfiniteTimeSpan };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            var query = $"township={Uri.EscapeDataString(options.Township)}&purpose={Uri.EscapeDataString(options.Purpose)}"
                + (options.AsOf is { } asOf ? $"&asOf={asOf:yyyy-MM-dd}" : "");
            using var body = new ByteArrayContent(content);
            body.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = null };
            using var response = await client.PostAsync($"/api/v1/batches?{query}", body);
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                ConsoleReport.WriteProblems(await ProblemsAsync(response));
                return 1;
            }

            response.EnsureSuccessStatusCode();
            var view = await WaitForCompletionAsync(client, response.Headers.Location!, options.Timeout);
            Console.OutputEncoding = Encoding.UTF8;
            ConsoleReport.WriteBatch(view, Console.Out);
            return view.Status == "completed" ? 0 : 3;
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static async Task<IReadOnlyList<SubmissionProblem>> ProblemsAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.TryGetProperty("errors", out var errors)
            ? errors.Deserialize<List<SubmissionProblem>>(HubJson.Options) ?? []
            : [new SubmissionProblem(null, null, "batch", null, problem.RootElement.GetProperty("detail").GetString() ?? "")];
    }

    private static async Task<BatchView> WaitForCompletionAsync(HttpClient client, Uri location, TimeSpan timeout)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var progress = await client.GetFromJsonAsync<BatchProgress>($"{location}/progress")
                ?? throw new InvalidOperationException("The batch just submitted cannot be found.");
            var elapsed = TimeProvider.System.GetElapsedTime(started);
            ConsoleReport.WriteProgress(progress, elapsed);
            if (progress.Settled == progress.Households || elapsed > timeout)
            {
                ConsoleReport.EndProgress();
                return await client.GetFromJsonAsync<BatchView>(location)
                    ?? throw new InvalidOperationException("The batch just submitted cannot be found.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }
}
