using System.Net;
using Dibao.Verification.Adapters.Bank.Wire;
using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Contracts.V1;
using Microsoft.Extensions.Logging;
using Refit;

namespace Dibao.Verification.Adapters.Bank;

/// <summary>
/// The two calls of the bank interface. Both are safe to repeat, so the shared pipeline may retry them:
/// a submission carries an inquiry number the bank answers with the same ticket, and collecting only reads.
/// </summary>
internal sealed class BankQuery(BankClients clients, ILogger<BankQuery> logger)
{
    private const string Processing = "processing";
    private const string Completed = "completed";

    /// <summary>
    /// Submits the well-formed persons in inquiries of at most <see cref="BankAdapter.InquiryMaximum"/>, all at once: one
    /// after another, a query of 500 persons took five round trips before the first look. The inquiry numbers follow from
    /// the query and the chunk alone, so a redelivered question gets the same tickets back, whichever submissions had
    /// gone through before it failed.
    /// </summary>
    public async Task<(IReadOnlyList<BankInquiry> Inquiries, double? EstimatedSeconds)> SubmitAsync(
        string source, Guid queryId, IReadOnlyList<PersonToCheck> persons, CancellationToken cancellationToken)
    {
        var api = clients.For(source);
        var askable = persons
            .Where(p => IdentityNumberFormat.IsWellFormed(p.IdNumber))
            .DistinctBy(p => p.IdNumber, StringComparer.Ordinal)
            .Chunk(BankAdapter.InquiryMaximum);
        var submitted = await Task.WhenAll(askable.Select(async (chunk, index) =>
        {
            var inquiryNo = $"{queryId:N}-{index}";
            var request = new InquiryRequestWire(inquiryNo, [.. chunk.Select(p => new InquiryPersonWire(p.IdNumber, p.Name))]);
            using var response = await api.SubmitAsync(request, cancellationToken);
            if (response.StatusCode is not (HttpStatusCode.Accepted or HttpStatusCode.OK))
            {
                throw AgencyResponses.Failure(source, response, "the inquiry submission");
            }

            var ticket = AgencyResponses.Content(source, response, "the inquiry submission");
            if (string.IsNullOrWhiteSpace(ticket.Ticket))
            {
                throw WireFormat.Unreadable($"{source} accepted an inquiry without a ticket.");
            }

            return (Inquiry: new BankInquiry(inquiryNo, ticket.Ticket, [.. chunk.Select(p => p.IdNumber)]), ticket.EstimatedSeconds);
        }));

        return ([.. submitted.Select(s => s.Inquiry)], submitted.Max(s => s.EstimatedSeconds));
    }

    /// <summary>The findings of a completed inquiry, one per person it asked about; null while the bank is still working.</summary>
    public async Task<IReadOnlyDictionary<string, PersonFinding>?> CollectAsync(string source, BankInquiry inquiry, CancellationToken cancellationToken)
    {
        using var response = await clients.For(source).GetInquiryAsync(inquiry.Ticket, cancellationToken);
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK:
                break;

            // Results are kept for 7 days, so an unknown ticket will not reappear by asking again.
            case HttpStatusCode.NotFound:
                throw new AgencyRejectedException(
                    AgencyResponses.RefusalCode(response, HttpStatusCode.NotFound),
                    $"{source} does not know the ticket of inquiry {inquiry.InquiryNo}.");

            default:
                throw AgencyResponses.Failure(source, response, "the inquiry collection");
        }

        var status = AgencyResponses.Content(source, response, "the inquiry collection");
        switch (status.Status)
        {
            case Processing:
                return null;

            case Completed when status.Results is { } results:
                return Translate(source, inquiry, results);

            case Completed:
                throw WireFormat.Unreadable($"{source} reported inquiry {inquiry.InquiryNo} completed without results.");

            default:
                throw WireFormat.UnknownCode(source, "inquiry status", status.Status);
        }
    }

    private IReadOnlyDictionary<string, PersonFinding> Translate(string source, BankInquiry inquiry, IReadOnlyList<InquiryResultWire> results)
    {
        var bankCode = BankAdapter.BankOf(source)!;
        var asked = inquiry.IdNumbers.ToHashSet(StringComparer.Ordinal);
        var findings = new Dictionary<string, PersonFinding>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            if (!asked.Contains(result.IdNumber) || findings.ContainsKey(result.IdNumber))
            {
                throw WireFormat.Unreadable($"{source} answered inquiry {inquiry.InquiryNo} with a person not asked about, or twice.");
            }

            findings[result.IdNumber] = PersonFindings.Read(source, result.IdNumber, () => BankTranslator.ToFinding(bankCode, source, result), logger);
        }

        // The bank lists a person without accounts with an empty list: one left out is its error, not "no accounts".
        if (findings.Count != asked.Count)
        {
            logger.LogWarning("{Source} left {Missing} of {Asked} persons out of inquiry {InquiryNo}", source, asked.Count - findings.Count, asked.Count, inquiry.InquiryNo);
            throw WireFormat.Unreadable($"{source} left {asked.Count - findings.Count} of {asked.Count} persons out of inquiry {inquiry.InquiryNo}.");
        }

        return findings;
    }
}
