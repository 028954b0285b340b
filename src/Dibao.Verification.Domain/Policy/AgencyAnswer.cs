using Dibao.Verification.Contracts.V1;

namespace Dibao.Verification.Domain.Policy;

/// <summary>What one agency said about one member, or that it has not (yet) said anything.</summary>
/// <param name="Source">The agency code; for banks, <c>bank:&lt;BANKCODE&gt;</c> since each bank answers on its own.</param>
/// <param name="Finding">Set when <paramref name="State"/> is <see cref="AnswerState.Answered"/>.</param>
/// <param name="QueryRefusalCode">The agency's code when <paramref name="State"/> is <see cref="AnswerState.Refused"/>.</param>
public sealed record AgencyAnswer(string Source, AnswerState State, PersonFinding? Finding, string? QueryRefusalCode = null)
{
    public string Agency => AgencyCodes.AgencyOf(Source);

    public bool IsRefused => Finding?.Kind == FindingKind.Refused;

    /// <summary>The agency answered about the person and did not refuse: its facts, maybe none, are what it holds.</summary>
    public bool Tells => State == AnswerState.Answered && !IsRefused;

    /// <summary>The facts to count: none until answered, none when refused.</summary>
    public PersonFacts Facts => Tells ? Finding!.Facts : Empty;

    private static readonly PersonFacts Empty = new();

    public static AgencyAnswer Awaited(string source) => new(source, AnswerState.Awaited, null);

    public static AgencyAnswer Unavailable(string source) => new(source, AnswerState.Unavailable, null);

    public static AgencyAnswer QueryRefused(string source, string code) => new(source, AnswerState.Refused, null, code);

    public static AgencyAnswer Answered(string source, PersonFinding finding) => new(source, AnswerState.Answered, finding);
}
