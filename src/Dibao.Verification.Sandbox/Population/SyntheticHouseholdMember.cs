namespace Dibao.Verification.Sandbox.Population;

/// <param name="Name">The name the household applied with: what the agencies hold, except the tax bureau for a few.</param>
public sealed record SyntheticHouseholdMember(string IdNumber, string Name, HouseholdRelation Relation);
