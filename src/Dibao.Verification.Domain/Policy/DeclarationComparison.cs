namespace Dibao.Verification.Domain.Policy;

/// <summary>A household's declarations set against the agencies' findings, per member, in total and per head.</summary>
public sealed record DeclarationComparison(IReadOnlyList<MemberDeclaration> Members, DeclaredAgainstFound Total, DeclaredAgainstFound PerCapita);
