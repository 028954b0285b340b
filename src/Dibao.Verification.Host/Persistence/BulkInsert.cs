using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Dibao.Verification.Host.Persistence;

/// <summary>
/// Inserts many rows of one entity type through one reused statement, inside the context's current transaction (which it
/// requires). For
/// the tens of thousands of rows a large batch writes, the change tracker costs many times what the database does.
/// Table and column names, value conversions and parameter types all come from the EF model, so the rows are stored
/// exactly as <c>SaveChanges</c> would store them, on any relational provider. The rows are not tracked.
/// </summary>
public static class BulkInsert
{
    /// <summary>Below every supported provider's limit on parameters in one statement (SQL Server's 2,100 is the lowest).</summary>
    private const int MaxParameters = 1000;

    public static Task InsertAsync<T>(this DbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class =>
        db.InsertAsync(typeof(T), rows, cancellationToken);

    /// <summary>
    /// <c>SaveChanges</c>, with the added entities of the given types taken out of the change tracker and inserted in
    /// bulk after the rest, in the order given (parents first). Call inside a transaction: it is two writes.
    /// </summary>
    public static async Task SaveChangesInBulkAsync(this DbContext db, IReadOnlyList<Type> bulkTypes, CancellationToken cancellationToken)
    {
        db.ChangeTracker.DetectChanges();
        var added = db.ChangeTracker.Entries()
            .Where(e => e.State == EntityState.Added && bulkTypes.Contains(e.Metadata.ClrType))
            .ToList();
        var rows = added.ToLookup(e => e.Metadata.ClrType, e => e.Entity);
        foreach (var entry in added)
        {
            entry.State = EntityState.Detached;
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var type in bulkTypes)
        {
            await db.InsertAsync(type, [.. rows[type]], cancellationToken);
        }
    }

    /// <summary>
    /// Every mapped property of every row, many rows to a statement: one statement per row spends most of its time on
    /// the round trip through the provider rather than in the database. Rows go in blocks through one reused
    /// <see cref="PreparedStatement"/>, and the few left over through a second.
    /// </summary>
    private static async Task InsertAsync(this DbContext db, Type type, IReadOnlyCollection<object> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var entityType = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var properties = entityType.GetProperties().Where(p => p.GetColumnName(table) is not null).ToList();
        var rowsPerStatement = Math.Clamp(MaxParameters / properties.Count, 1, rows.Count);
        var names = Enumerable.Range(0, rowsPerStatement).Select(row => properties.Select(p => Parameter(row, p)).ToArray()).ToArray();
        var block = Statement(db, type, properties, rowsPerStatement);
        PreparedStatement? rest = null;
        try
        {
            foreach (var chunk in rows.Chunk(rowsPerStatement))
            {
                var statement = chunk.Length == rowsPerStatement ? block : rest ??= Statement(db, type, properties, chunk.Length);
                for (var row = 0; row < chunk.Length; row++)
                {
                    for (var column = 0; column < properties.Count; column++)
                    {
                        statement.Set(names[row][column], properties[column].GetGetter().GetClrValue(chunk[row]));
                    }
                }

                await statement.ExecuteAsync(cancellationToken);
            }
        }
        finally
        {
            await block.DisposeAsync();
            if (rest is not null)
            {
                await rest.DisposeAsync();
            }
        }
    }

    private static PreparedStatement Statement(DbContext db, Type type, IReadOnlyList<IProperty> properties, int rowCount)
    {
        var columns = string.Join(", ", properties.Select(p => "{" + p.Name + "}"));
        var values = Enumerable.Range(0, rowCount)
            .Select(row => "(" + string.Join(", ", properties.Select(p => "@" + Parameter(row, p))) + ")");
        return new PreparedStatement(
            db,
            type,
            $"INSERT INTO {{Table}} ({columns}) VALUES {string.Join(", ", values)}",
            [.. Enumerable.Range(0, rowCount).SelectMany(row => properties.Select(p => (Parameter(row, p), p.Name)))]);
    }

    private static string Parameter(int row, IProperty property) => $"r{row}_{property.Name}";
}
