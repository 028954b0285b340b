using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Dibao.Verification.Host.Verification;

/// <summary>
/// The deadline sweep's answers marked unavailable on PostgreSQL by one statement for all its questions, rather than one
/// statement (a round trip) per answer: an agency down during a batch of 10,000 households leaves some 25,000 answers of
/// each of its sources to sweep. The condition on the awaited state is the one answer by answer: PostgreSQL looks again at
/// a row an answer is changing once the answer commits, and leaves it if it is no longer awaited, so the rows returned are
/// exactly those this sweep marked, whichever other hub instance sweeps or records at the same time.
/// </summary>
internal static class PostgresSweep
{
    /// <returns>The answers this statement marked.</returns>
    public static async Task<List<(Guid Id, string Source)>> MarkAsync(HubDbContext db, IReadOnlyList<Guid> questions, CancellationToken cancellationToken)
    {
        var answer = typeof(AgencyAnswerRecord);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Answers are swept inside the unit of work's transaction.");
        command.CommandText = PreparedStatement.Render(db, answer,
            "UPDATE {Table} SET {State} = @unavailable WHERE {QueryId} = ANY(@questions) AND {State} = @awaited RETURNING {Id}, {Source}");
        command.Parameters.Add(PreparedStatement.Parameter(db, answer, "unavailable", nameof(AgencyAnswerRecord.State), AnswerState.Unavailable));
        command.Parameters.Add(PreparedStatement.Parameter(db, answer, "awaited", nameof(AgencyAnswerRecord.State), AnswerState.Awaited));
        command.Parameters.Add(new NpgsqlParameter("questions", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = questions.ToArray() });

        var marked = new List<(Guid, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            marked.Add((reader.GetGuid(0), reader.GetString(1)));
        }

        return marked;
    }
}
