namespace Contoso.Orders.Services;

public sealed class PartnerApiClient(HttpClient client)
{
    public static HttpMessageHandler CreateHandler() => new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => true,
    };

    public async Task<string> GetStockAsync(string sku) =>
        await client.GetStringAsync(new Uri($"https://partner.example.com/stock/{Uri.EscapeDataString(sku)}"));
}
