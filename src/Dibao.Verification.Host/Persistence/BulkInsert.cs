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
    public static Task InsertAsync<T>(this DbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class =>
        db.InsertAsync(typeof(T), rows, cancellationToken);

    /// <summary>
    /// <c>SaveChanges</c>, with the added entities of the given types taken out of the change tracker and inserted in
    /// bulk after the rest, in the order given (parents first). Call inside a transaction: it is two writes.
    /// </summary>
    public static async Task SaveChangesInBulkAsync(this DbContext db, IReadOnlyList<Type> bulkTypes, CancellationToken cancellationToken)
    {
        // Changes are detected once: listing the entries and saving would each look through every tracked entity again,
        // and a pass of hundreds of households tracks thousands.
        db.ChangeTracker.DetectChanges();
        var detecting = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
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
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    /// <summary>Parameters in one statement on a server: well under SQL Server's limit of 2,100.</summary>
    private const int ParametersPerStatement = 1000;

    /// <summary>
    /// Every mapped property of every row: through one <see cref="PreparedStatement"/>, a row a statement on SQLite, which
    /// runs in the process, and many rows a statement on SQL Server, where each statement costs a round trip; on PostgreSQL
    /// through one <c>COPY</c> (<see cref="PostgresCopy"/>).
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
        if (db.Database.IsNpgsql())
        {
            await PostgresCopy.InsertAsync(db, table, properties, rows, cancellationToken);
            return;
        }

        var perStatement = db.Database.IsSqlite() ? 1 : Math.Max(1, ParametersPerStatement / properties.Count);

        // Named once, not per row and column: on SQLite a large batch inserts tens of thousands of rows.
        var names = Enumerable.Range(0, perStatement).Select(row => properties.Select(p => Parameter(p, row)).ToArray()).ToArray();
        PreparedStatement? full = null;
        try
        {
            foreach (var chunk in rows.Chunk(perStatement))
            {
                if (chunk.Length == perStatement)
                {
                    await ExecuteAsync(full ??= Statement(db, type, properties, perStatement), chunk, properties, names, cancellationToken);
                }
                else
                {
                    await using var rest = Statement(db, type, properties, chunk.Length);
                    await ExecuteAsync(rest, chunk, properties, names, cancellationToken);
                }
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync();
            }
        }
    }

    private static Task<int> ExecuteAsync(
        PreparedStatement insert, object[] chunk, IReadOnlyList<IProperty> properties, string[][] names, CancellationToken cancellationToken)
    {
        for (var row = 0; row < chunk.Length; row++)
        {
            for (var column = 0; column < properties.Count; column++)
            {
                insert.Set(names[row][column], properties[column].GetGetter().GetClrValue(chunk[row]));
            }
        }

        return insert.ExecuteAsync(cancellationToken);
    }

    private static string Parameter(IProperty property, int row) => $"{property.Name}{row}";

    private static PreparedStatement Statement(DbContext db, Type type, IReadOnlyList<IProperty> properties, int rows) =>
        new(
            db,
            type,
            $"INSERT INTO {{Table}} ({string.Join(", ", properties.Select(p => "{" + p.Name + "}"))}) VALUES " +
            string.Join(", ", Enumerable.Range(0, rows).Select(row => $"({string.Join(", ", properties.Select(p => "@" + Parameter(p, row)))})")),
            [.. Enumerable.Range(0, rows).SelectMany(row => properties.Select(p => (Parameter(p, row), p.Name)))]);
}
