using System.Net;
using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Adapters.Tax.Wire;
using Dibao.Verification.Contracts.V1;
using Microsoft.Extensions.Logging;
using Refit;

namespace Dibao.Verification.Adapters.Tax;

/// <summary>
/// Answers one question: the bureau wants each person's name with the identity number, and the income
/// window (asked in pieces of at most twelve months) instead of an as-of date.
/// </summary>
internal sealed class TaxQuery : AgencyLookup
{
    private const string NameIdMismatch = "NAME_ID_MISMATCH";
    private const string WindowTooLong = "WINDOW_TOO_LONG";
    private const string Ok = "ok";

    private readonly ITaxApi _api;
    private readonly ILogger _logger;
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<TaxWindow> _windows;

    public TaxQuery(ITaxApi api, QueryAgency question, ILogger<TaxQuery> logger)
        : base(TaxAdapter.Code, TaxAdapter.BatchMaximum, logger)
    {
        _api = api;
        _logger = logger;
        _windows = TaxWindow.Split(question.FromMonth, question.ToMonth);

        // The same number asked twice is asked once, with the name it was first given.
        foreach (var person in question.Persons)
        {
            _names.TryAdd(person.IdNumber, person.Name);
        }
    }

    protected override async Task<PersonFinding> QueryOneAsync(string idNumber, DateOnly asOf, CancellationToken cancellationToken)
    {
        var income = new List<TaxedIncomeFact>();
        foreach (var window in _windows)
        {
            using var response = await _api.GetIncomeRecordsAsync(
                new IncomeRecordsRequestWire(idNumber, _names[idNumber], window.From, window.To), cancellationToken);
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    income.AddRange(Content(response, "the income query").Records.Select(r => TaxTranslator.ToFact(r, window)));
                    break;

                case HttpStatusCode.Conflict when ErrorCode(response) == NameIdMismatch:
                    return Mismatch(idNumber);

                case HttpStatusCode.BadRequest when ErrorCode(response) is var code && code != WindowTooLong:
                    return RefusedPerson(idNumber, code);

                default:
                    throw Fail(response, "the income query");
            }
        }

        return TaxTranslator.ToFinding(idNumber, income);
    }

    protected override async Task<IReadOnlyDictionary<string, PersonFinding>> QueryBatchAsync(
        IReadOnlyList<string> idNumbers, DateOnly asOf, CancellationToken cancellationToken)
    {
        var persons = idNumbers.Select(id => new BatchPersonWire(id, _names[id])).ToList();
        var income = idNumbers.ToDictionary(id => id, _ => new List<TaxedIncomeFact>(), StringComparer.Ordinal);
        var refusals = new Dictionary<string, PersonFinding>(StringComparer.Ordinal);
        foreach (var window in _windows)
        {
            using var response = await _api.GetIncomeRecordsBatchAsync(new BatchRequestWire(window.From, window.To, persons), cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw Fail(response, "the batch income query");
            }

            var answered = new HashSet<string>(StringComparer.Ordinal);
            foreach (var result in Content(response, "the batch income query").Results)
            {
                // Whose result it is decides whose income it becomes, so this stays strict: nothing is matched loosely.
                if (!income.TryGetValue(result.IdNumber, out var records) || !answered.Add(result.IdNumber))
                {
                    throw WireFormat.Unreadable($"{Agency} answered the batch income query with a person not asked about, or twice.");
                }

                // Refused in an earlier window, the person stays refused: the other windows' records are not their income.
                if (refusals.ContainsKey(result.IdNumber))
                {
                    continue;
                }

                switch (result.Status)
                {
                    case Ok:
                        var read = ReadPerson(result.IdNumber, () => TaxTranslator.ToFinding(result.IdNumber, result.Records.Select(r => TaxTranslator.ToFact(r, window))));
                        if (read.Kind == FindingKind.Refused)
                        {
                            refusals[result.IdNumber] = read;
                        }
                        else
                        {
                            records.AddRange(read.Facts.TaxedIncome);
                        }

                        break;

                    case NameIdMismatch:
                        refusals[result.IdNumber] = Mismatch(result.IdNumber);
                        break;

                    // The interface shows two statuses without closing the list: another is the bureau saying something
                    // about this person alone, so it refuses them under its code, records withheld as with a mismatch.
                    default:
                        refusals[result.IdNumber] = RefusedPerson(result.IdNumber, result.Status, QueryRefusalCodes.UnreadableAnswer);
                        break;
                }
            }

            // The bureau promises every person once: a missing one is its error, not "no income".
            if (answered.Count != income.Count)
            {
                throw WireFormat.Unreadable($"{Agency} left {income.Count - answered.Count} of {income.Count} persons out of the batch income answer.");
            }
        }

        return income.ToDictionary(
            p => p.Key,
            p => refusals.TryGetValue(p.Key, out var refusal) ? refusal : TaxTranslator.ToFinding(p.Key, p.Value),
            StringComparer.Ordinal);
    }

    /// <summary>
    /// A 401 left after <see cref="TaxTokenHandler"/> renewed the token means the bureau does not accept the
    /// hub's client; a failure to get a token at all is reported as the token provider found it.
    /// </summary>
    private Exception Fail(IApiResponse response, string operation)
    {
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return new AgencyRejectedException(
                AgencyResponses.RefusalCode(response, HttpStatusCode.Unauthorized),
                $"{Agency} refused the access token for {operation}.");
        }

        return response.StatusCode is null
            && response.HasRequestError(out var requestError)
            && FindTokenFailure(requestError) is { } tokenFailure
                ? tokenFailure
                : Failure(response, operation);
    }

    private static Exception? FindTokenFailure(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is AgencyRejectedException or AgencyUnavailableException)
            {
                return e;
            }
        }

        return null;
    }

    /// <summary>A finding about the application (the name given is not the bureau's), not a fault: asking again cannot change it.</summary>
    private PersonFinding Mismatch(string idNumber)
    {
        _logger.LogInformation("{Agency} holds a different name for identity number {IdNumber}", Agency, IdentityNumberFormat.Mask(idNumber));
        return PersonFindings.Refused(idNumber, RefusalCodes.NameIdMismatch);
    }
}
