using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NotebookRnn.Notebook.Browser.Tests;

/// <summary>
/// A tiny HTTP server on 127.0.0.1 that serves fixed files (plotly.js, require.js) and pages added by the tests.
/// Anything else is a 404. It runs until disposed.
/// </summary>
public sealed class LocalServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, (byte[] Body, string Type)> _files = [];
    private readonly object _gate = new();
    private readonly Task _loop;

    public LocalServer()
    {
        int port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(BaseUrl + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    /// <summary>Serves <paramref name="body"/> at <paramref name="path"/> (starting with /) and returns its URL.</summary>
    public string Add(string path, byte[] body, string contentType)
    {
        lock (_gate) _files[path] = (body, contentType);
        return BaseUrl + path;
    }

    public string AddPage(string path, string html) => Add(path, Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8");

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            (byte[] Body, string Type) file;
            bool found;
            lock (_gate) found = _files.TryGetValue(context.Request.Url!.AbsolutePath, out file);
            context.Response.StatusCode = found ? 200 : 404;
            if (found)
            {
                context.Response.ContentType = file.Type;
                context.Response.ContentLength64 = file.Body.Length;
                await context.Response.OutputStream.WriteAsync(file.Body);
            }
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
