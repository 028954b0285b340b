namespace Dibao.Verification.Host.PublicNotice;

/// <summary>A member as the notice posts them: name and identity number masked.</summary>
public sealed record NoticeMember(string Name, string IdNumber, string Relation);
