using NotebookRnn.Layers;
using NotebookRnn.Layers.Functional;
using NotebookRnn.Layers.Recurrent;
using NotebookRnn.Models;

namespace NotebookRnn.Tests.Models;

/// <summary>
/// Keras's lstm_seq2seq with our API: the training model (encoder LSTM whose states start the decoder LSTM, softmax
/// Dense per step) and the two inference models made from its trained layers.
/// </summary>
internal sealed class LstmSeq2Seq
{
    public LstmSeq2Seq(int sourceTokens, int targetTokens, int units, long seed)
    {
        var encoderInputs = new Input([null, sourceTokens], name: "encoder_inputs");
        var (_, stateH, stateC) = new LSTM(units, returnState: true, name: "encoder").Call(encoderInputs);
        var decoderInputs = new Input([null, targetTokens], name: "decoder_inputs");
        DecoderLstm = new LSTM(units, returnSequences: true, returnState: true, name: "decoder");
        var (decoded, _, _) = DecoderLstm.Call(decoderInputs, initialState: [stateH, stateC]);
        Softmax = new Dense(targetTokens, activation: "softmax", name: "probabilities");
        Training = new Model([encoderInputs, decoderInputs], Softmax.Call(decoded), seed: seed);

        Encoder = new Model(encoderInputs, [stateH, stateC], name: "encoder_model");
        var token = new Input([null, targetTokens], name: "token");
        var h = new Input([units], name: "h");
        var c = new Input([units], name: "c");
        var (stepOutput, nextH, nextC) = DecoderLstm.Call(token, initialState: [h, c]);
        Decoder = new Model([token, h, c], [Softmax.Call(stepOutput), nextH, nextC], name: "decoder_model");
    }

    public Model Training { get; }

    public Model Encoder { get; }

    public Model Decoder { get; }

    public LSTM DecoderLstm { get; }

    public Dense Softmax { get; }
}
