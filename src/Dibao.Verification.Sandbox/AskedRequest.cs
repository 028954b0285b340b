namespace Dibao.Verification.Sandbox;

/// <summary>One request that reached an agency's endpoint: the source asked, when, and about how many persons.</summary>
public sealed record AskedRequest(string Source, DateTimeOffset At, int Persons);
