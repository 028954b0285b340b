using Dibao.Verification.Contracts.V1;
using Microsoft.Extensions.Logging;
using Refit;

namespace Dibao.Verification.Adapters.Common;

/// <summary>
/// What every agency adapter does with a list of persons: refuse malformed numbers without asking, ask about
/// one person on the single endpoint and about several on the bulk endpoint in chunks of the agency's
/// documented maximum, and answer with exactly one finding per person asked.
/// </summary>
public abstract class AgencyLookup
{
    private readonly int _batchMaximum;
    private readonly ILogger _logger;

    protected AgencyLookup(string agency, int batchMaximum, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchMaximum, 1);
        Agency = agency;
        _batchMaximum = batchMaximum;
        _logger = logger;
    }

    protected string Agency { get; }

    /// <summary>
    /// A 400 about one person. The interfaces name none, only that agencies reject malformed numbers: the agency's own
    /// code says best what it refused, and a 400 without one (or with one unsafe to pass on) is read as that rejection.
    /// </summary>
    /// <param name="code">The <c>code</c> of the agency's error body, if any.</param>
    protected PersonFinding RefusedPerson(string idNumber, string? code) => RefusedPerson(idNumber, code, RefusalCodes.MalformedIdNumber);

    /// <summary>A refusal about one person under the agency's own code, or under <paramref name="fallback"/> when it gave none safe to pass on.</summary>
    protected PersonFinding RefusedPerson(string idNumber, string? code, string fallback)
    {
        var refusal = QueryRefusalCodes.FromAgency(code, fallback);
        _logger.LogWarning("{Agency} refused identity number {IdNumber} with {Code}", Agency, IdentityNumberFormat.Mask(idNumber), refusal);
        return PersonFindings.Refused(idNumber, refusal);
    }

    /// <inheritdoc cref="PersonFindings.Read"/>
    protected PersonFinding ReadPerson(string idNumber, Func<PersonFinding> translate) => PersonFindings.Read(Agency, idNumber, translate, _logger);

    public async Task<IReadOnlyList<PersonFinding>> FindAsync(IReadOnlyList<PersonToCheck> persons, DateOnly asOf, CancellationToken cancellationToken)
    {
        var findings = new Dictionary<string, PersonFinding>(StringComparer.Ordinal);
        var askable = new List<string>();
        foreach (var idNumber in persons.Select(p => p.IdNumber).Distinct(StringComparer.Ordinal))
        {
            if (IdentityNumberFormat.IsWellFormed(idNumber))
            {
                askable.Add(idNumber);
            }
            else
            {
                _logger.LogWarning("Not asking {Agency} about malformed identity number {IdNumber}", Agency, IdentityNumberFormat.Mask(idNumber));
                findings[idNumber] = PersonFindings.Refused(idNumber, RefusalCodes.MalformedIdNumber);
            }
        }

        if (askable.Count == 1)
        {
            findings[askable[0]] = await QueryOneAsync(askable[0], asOf, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            foreach (var batch in askable.Chunk(_batchMaximum))
            {
                var answers = await QueryBatchAsync(batch, asOf, cancellationToken).ConfigureAwait(false);
                foreach (var idNumber in batch)
                {
                    findings[idNumber] = answers.TryGetValue(idNumber, out var finding)
                        ? finding
                        : throw WireFormat.Unreadable($"The {Agency} adapter has no finding for a person it asked about.");
                }
            }
        }

        return persons.Select(p => findings[p.IdNumber]).ToList();
    }

    /// <summary>Asks the single-person endpoint.</summary>
    protected abstract Task<PersonFinding> QueryOneAsync(string idNumber, DateOnly asOf, CancellationToken cancellationToken);

    /// <summary>Asks the bulk endpoint about at most the documented maximum; returns a finding for every id given.</summary>
    protected abstract Task<IReadOnlyDictionary<string, PersonFinding>> QueryBatchAsync(
        IReadOnlyList<string> idNumbers, DateOnly asOf, CancellationToken cancellationToken);

    /// <summary>The body of a 200, or an <see cref="AgencyRejectedException"/> when it cannot be read.</summary>
    protected T Content<T>(IApiResponse<T> response, string operation)
        where T : class => AgencyResponses.Content(Agency, response, operation);

    /// <summary>Turns an answer the adapter has no meaning for into the exception that tells whether asking again can help.</summary>
    protected Exception Failure(IApiResponse response, string operation) => AgencyResponses.Failure(Agency, response, operation);

    /// <summary>The <c>code</c> of an agency error body such as <c>{"code":"PERSON_NOT_FOUND"}</c>, if there is one.</summary>
    protected static string? ErrorCode(IApiResponse response) => AgencyResponses.ErrorCode(response);
}
