namespace Dibao.Verification.Adapters.Bank.Wire;

/// <param name="EstimatedSeconds">The bank's guess of when results are ready; only a hint for the first poll.</param>
internal sealed record TicketWire(string Ticket, double? EstimatedSeconds = null);
