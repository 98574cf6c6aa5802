namespace CleanLib;

public sealed record Order(int Id, string Sku, int Quantity);

public static class PriceCalculator
{
    public static decimal Total(Order order, decimal unitPrice) => order.Quantity * unitPrice;
}
