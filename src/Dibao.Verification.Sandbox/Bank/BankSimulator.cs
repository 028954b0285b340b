using System.Collections.Concurrent;
using System.Globalization;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Sandbox.Population;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dibao.Verification.Sandbox.Bank;

/// <summary>
/// Commercial banks (商业银行), each at its own base address (<c>{sandbox}/icbc/</c>, …) with its own key, each
/// answering only about its own accounts. Inquiries are asynchronous: a ticket now, results at a later look.
/// </summary>
public sealed class BankSimulator(SyntheticPopulation population, TimeProvider time, string apiKey, BankFaults faults, AskedPersons asked) : IAgencySimulator
{
    public const int MaxPersonsPerInquiry = 100;

    /// <summary>What the bank promises a ticket's results for; older tickets are unknown.</summary>
    public static readonly TimeSpan ResultsKeptFor = TimeSpan.FromDays(7);

    /// <summary>Every bank the synthetic population holds accounts at.</summary>
    public static readonly IReadOnlyList<SimulatedBank> Banks =
    [
        new("ICBC", "102"), new("ABC", "103"), new("BOC", "104"), new("CCB", "105"),
        new("PSBC", "403"), new("JLB", "313"), new("JLRCU", "402"),
    ];

    private readonly ConcurrentDictionary<(string Bank, string InquiryNo), BankInquiry> _inquiries = new();
    private readonly ConcurrentDictionary<string, BankInquiry> _tickets = new(StringComparer.Ordinal);
    private long _lastTicket;
    private long _submissions;

    public string AgencyCode => AgencyCodes.Bank;

    /// <summary>Inquiries accepted, at every bank, a repeated inquiry number counted again: how often the banks were asked.</summary>
    public long Submissions => Interlocked.Read(ref _submissions);

    /// <summary>Each bank checks its own key.</summary>
    bool IAgencySimulator.RequiresApiKey => false;

    /// <summary>The X-Api-Key of one bank: the sandbox key with the bank's code, so a key sent to the wrong bank fails.</summary>
    public static string KeyFor(string sandboxApiKey, string bankCode) => $"{sandboxApiKey}-{bankCode.ToLowerInvariant()}";

    IEnumerable<KeyValuePair<string, string?>> IAgencySimulator.HubSettings(Uri baseUrl, string apiKey) =>
        Banks.SelectMany((bank, index) => new KeyValuePair<string, string?>[]
        {
            new($"Agencies:Bank:Banks:{index}:Code", bank.Code),
            new($"Agencies:Bank:Banks:{index}:BaseUrl", new Uri(baseUrl, bank.PathSegment + "/").ToString()),
            new($"Agencies:Bank:Banks:{index}:ApiKey", KeyFor(apiKey, bank.Code)),

            // The hub plans from its own settings: it asks every simulated bank, as it would every configured one.
            new($"Verification:Banks:{index}", bank.Code),
        });

    void IAgencySimulator.Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/{bank}/open/v1/deposit-inquiries", Submit);
        endpoints.MapGet("/{bank}/open/v1/deposit-inquiries/{ticket}", Collect);
    }

    private async Task<IResult> Submit(string bank, HttpRequest request)
    {
        if (Authenticate(bank, request) is { } refusal)
        {
            return refusal;
        }

        var simulated = BankAt(bank)!;
        var body = await SandboxJson.ReadAsync<InquiryRequest>(request);
        if (body is not { InquiryNo: { Length: > 0 } inquiryNo, Persons: { } persons } || persons.Any(p => p is null))
        {
            return SandboxJson.Error(StatusCodes.Status400BadRequest, "INVALID_REQUEST");
        }

        if (persons.Count > MaxPersonsPerInquiry)
        {
            return SandboxJson.Error(StatusCodes.Status400BadRequest, "TOO_MANY_PERSONS");
        }

        var today = SandboxClock.Today(time);
        var ids = SandboxIdentity.ReadAll(persons.Select(p => p!.IdNumber), today);
        if (ids is null)
        {
            return SandboxJson.Error(StatusCodes.Status400BadRequest, SandboxIdentity.InvalidIdNumber);
        }

        Interlocked.Increment(ref _submissions);
        asked.Record(AgencyCodes.Bank + ":" + simulated.Code, ids);

        // The same inquiry number gets the same ticket: a hub that lost the first answer can safely ask again.
        var inquiry = _inquiries.GetOrAdd((simulated.Code, inquiryNo), _ => new BankInquiry(simulated, NextTicket(today), ids, today, time.GetUtcNow()));
        _tickets.TryAdd(inquiry.Ticket, inquiry);
        var estimate = (int)Math.Ceiling(faults.ProcessingTime.TotalSeconds);
        return Results.Json(new TicketBody(inquiry.Ticket, estimate), SandboxJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    private IResult Collect(string bank, string ticket, HttpRequest request)
    {
        if (Authenticate(bank, request) is { } refusal)
        {
            return refusal;
        }

        var now = time.GetUtcNow();
        if (!_tickets.TryGetValue(ticket, out var inquiry) || inquiry.Bank != BankAt(bank) || now - inquiry.SubmittedAt > ResultsKeptFor)
        {
            return SandboxJson.Error(StatusCodes.Status404NotFound, "TICKET_NOT_FOUND");
        }

        if (string.Equals(faults.StalledBank, inquiry.Bank.Code, StringComparison.OrdinalIgnoreCase) || now - inquiry.SubmittedAt < faults.ProcessingTime)
        {
            return SandboxJson.Ok(new ProcessingBody("processing"));
        }

        var results = inquiry.IdNumbers.Select(id => new ResultBody(
                id,
                [.. population.Describe(id, inquiry.AsOf).BankAccounts
                    .Where(a => a.BankCode == inquiry.Bank.Number)
                    .Select(a => new AccountBody(a.MaskedAccount, a.Product, a.Balance, a.Currency))]))
            .ToList();
        return SandboxJson.Ok(new CompletedBody("completed", results));
    }

    /// <summary>An unknown bank is an address nobody answers at; a known one wants its own key.</summary>
    private IResult? Authenticate(string bank, HttpRequest request)
    {
        if (BankAt(bank) is not { } simulated)
        {
            return Results.NotFound();
        }

        return string.Equals(request.Headers["X-Api-Key"], KeyFor(apiKey, simulated.Code), StringComparison.Ordinal)
            ? null
            : SandboxJson.Error(StatusCodes.Status401Unauthorized, "UNAUTHORIZED");
    }

    private static SimulatedBank? BankAt(string pathSegment) =>
        Banks.FirstOrDefault(b => string.Equals(b.PathSegment, pathSegment, StringComparison.OrdinalIgnoreCase));

    private string NextTicket(DateOnly today) =>
        string.Create(CultureInfo.InvariantCulture, $"T{today:yyyyMMdd}-{Interlocked.Increment(ref _lastTicket):D6}");
}
