using System.Data.Common;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Dibao.Verification.Host.Verification;

/// <summary>
/// A report's answers settled on PostgreSQL by one statement: the persons' answers go to the server as arrays, and every
/// answer of theirs still awaited takes its person's answer. Before, a 1,000-household round cost some 6,600 statements
/// (an answer with records each, and the no-records of a report together), each a round trip (2026-12-03). The condition on the awaited state is the same as answer by
/// answer: a row the deadline sweep changed first is left alone, and PostgreSQL looks at it again after the sweep commits.
/// </summary>
/// <remarks>
/// Each person's row of the arrays carries the state it expects to find, rather than the statement naming it once. Named
/// once, it is a constant the planner estimates from the table's statistics, and once the table has been analysed while
/// nearly every answer was settled (always, in a hub that has run a while), it expects no awaited answer for the question
/// and compares every answer with every person of the arrays: 500 × 500 comparisons, 40 to 200 ms a report instead of 1
/// to 7 (measured on the production topology, 2026-12-03). Compared with a column of the arrays, the state is a join condition,
/// and the planner pairs answers and persons by their identity hash.
/// </remarks>
internal static class PostgresAnswerWrite
{
    /// <returns>The persons, by identity hash, whose answers this statement settled, one entry per answer row.</returns>
    public static async Task<List<string>> SettleAsync(
        HubDbContext db, Guid queryId, DateTime at, IReadOnlyList<AnswerWrite> writes, CancellationToken cancellationToken)
    {
        await using var command = Statement(db, queryId, at, writes);
        var settled = new List<string>(writes.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            settled.Add(reader.GetString(0));
        }

        return settled;
    }

    /// <summary>The statement, in the unit of work's transaction; its own for the tests that read its plan.</summary>
    internal static DbCommand Statement(HubDbContext db, Guid queryId, DateTime at, IReadOnlyList<AnswerWrite> writes)
    {
        var answer = typeof(AgencyAnswerRecord);
        var model = db.Model.FindEntityType(answer)!;
        Func<object?, string?> Converted(string property)
        {
            var mapping = model.FindProperty(property)!.GetRelationalTypeMapping();
            return value => PreparedStatement.ProviderValue(mapping, value) as string;
        }

        var (state, kind, code, facts) = (Converted(nameof(AgencyAnswerRecord.State)), Converted(nameof(AgencyAnswerRecord.Kind)),
            Converted(nameof(AgencyAnswerRecord.RefusalCode)), Converted(nameof(AgencyAnswerRecord.FactsJson)));

        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Answers are settled inside the unit of work's transaction.");
        command.CommandText = PreparedStatement.Render(db, answer,
            "UPDATE {Table} AS a SET {State} = w.state, {Kind} = w.kind, {RefusalCode} = w.code, {FactsJson} = w.facts, {AnsweredAtUtc} = @at " +
            "FROM unnest(@ids, @expected, @states, @kinds, @codes, @facts) AS w(id, expected, state, kind, code, facts) " +
            "WHERE a.{QueryId} = @query AND a.{IdHash} = w.id AND a.{State} = w.expected " +
            "RETURNING a.{IdHash}");
        command.Parameters.Add(PreparedStatement.Parameter(db, answer, "at", nameof(AgencyAnswerRecord.AnsweredAtUtc), at));
        command.Parameters.Add(PreparedStatement.Parameter(db, answer, "query", nameof(AgencyAnswerRecord.QueryId), queryId));
        // Values through each column's mapping, as SaveChanges stores them: the facts are personal data, encrypted by their
        // converter. The identity hashes have none, so the ones returned compare with the writes'.
        command.Parameters.Add(Texts("ids", writes.Select(w => w.IdHash)));
        var awaited = state(AnswerState.Awaited);
        command.Parameters.Add(Texts("expected", writes.Select(_ => awaited)));
        command.Parameters.Add(Texts("states", writes.Select(w => state(w.State))));
        command.Parameters.Add(Texts("kinds", writes.Select(w => kind(w.Kind))));
        command.Parameters.Add(Texts("codes", writes.Select(w => code(w.RefusalCode))));
        command.Parameters.Add(Texts("facts", writes.Select(w => facts(w.FactsJson))));
        return command;
    }

    private static NpgsqlParameter Texts(string name, IEnumerable<string?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() };
}
