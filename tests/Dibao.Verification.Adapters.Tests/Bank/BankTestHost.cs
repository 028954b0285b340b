using System.Text.Json;
using Dibao.Verification.Adapters.Bank;
using Dibao.Verification.Contracts.V1;
using MassTransit;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Response = WireMock.ResponseBuilders.Response;

namespace Dibao.Verification.Adapters.Tests.Bank;

/// <summary>
/// Two banks on one WireMock server, told apart by path and key, and a bus whose in-memory transport delays
/// the adapter's scheduled polls. Polls come every few milliseconds so a test never waits for a bank's estimate.
/// </summary>
public abstract class BankTestHost : AgencyTestHost
{
    protected const string Icbc = "ICBC";
    protected const string Ccb = "CCB";
    protected const string Inquiries = "/open/v1/deposit-inquiries";

    protected BankTestHost()
        : this(_ => { })
    {
    }

    /// <param name="configureBus">More for the bus, such as a fault in its send pipe.</param>
    protected BankTestHost(Action<IInMemoryBusFactoryConfigurator> configureBus)
        : base(BankAdapter.Code, BankAdapter.ConfigurationSection, (bus, configuration) =>
        {
            bus.AddBankAdapter(configuration);
            bus.UsingInMemory((context, cfg) =>
            {
                cfg.UseDelayedMessageScheduler();
                configureBus(cfg);
                cfg.ConfigureEndpoints(context);
            });
        })
    {
        AddBank(0, Icbc);
        AddBank(1, Ccb);
        Configure("PollInterval", "00:00:00.020");
        Configure("MaxPollInterval", "00:00:00.040");
    }

    protected static string Source(string bank) => BankAdapter.SourceOf(bank);

    protected static string KeyOf(string bank) => "key-" + bank.ToLowerInvariant();

    protected static string SubmitPath(string bank) => $"/{bank.ToLowerInvariant()}{Inquiries}";

    protected static string TicketPath(string bank, string ticket) => $"{SubmitPath(bank)}/{ticket}";

    protected static string Account(string account, string product, decimal balance, string currency = "CNY") =>
        JsonSerializer.Serialize(new { account, product, balance, currency });

    protected static string Completed(params (string IdNumber, string[] Accounts)[] results) =>
        $$"""{ "status": "completed", "results": [{{string.Join(",", results.Select(r => $$"""{ "idNumber": "{{r.IdNumber}}", "accounts": [{{string.Join(",", r.Accounts)}}] }"""))}}] }""";

    protected static IResponseBuilder Ticket(string ticket) => Response.Create().WithStatusCode(202).WithBody(TicketJson(ticket));

    /// <summary>The body of the bank's 202 for an inquiry it took under <paramref name="ticket"/>.</summary>
    protected static string TicketJson(string ticket) => $$"""{ "ticket": "{{ticket}}", "estimatedSeconds": 5 }""";

    protected static IResponseBuilder Json(int status, string body) => Response.Create().WithStatusCode(status).WithBody(body);

    /// <summary>A bank that takes any inquiry under <paramref name="ticket"/> and has it done at the first look.</summary>
    protected void StubBank(string bank, string ticket, string completed)
    {
        Server.Given(Request.Create().WithPath(SubmitPath(bank)).UsingPost().WithHeader("X-Api-Key", KeyOf(bank))).RespondWith(Ticket(ticket));
        Server.Given(Request.Create().WithPath(TicketPath(bank, ticket)).UsingGet().WithHeader("X-Api-Key", KeyOf(bank))).RespondWith(Json(200, completed));
    }

    protected IEnumerable<WireMock.Logging.ILogEntry> Requests(string method, string path) =>
        Server.LogEntries.Where(e => e.RequestMessage.Method == method && e.RequestMessage.Path == path);

    protected static QueryAgency Ask(string bank, params string[] idNumbers) => Question(Source(bank), idNumbers);

    /// <summary>The report sent to the hub for a question sent earlier, waiting for it if need be.</summary>
    protected Task<AgencyFindingsReported> ReportAsync(QueryAgency question) =>
        AnswerAsync<AgencyFindingsReported>(m => m.QueryId == question.QueryId);

    private void AddBank(int index, string code)
    {
        Configure($"Banks:{index}:Code", code);
        Configure($"Banks:{index}:BaseUrl", $"{Server.Url}/{code.ToLowerInvariant()}/");
        Configure($"Banks:{index}:ApiKey", KeyOf(code));
    }
}
